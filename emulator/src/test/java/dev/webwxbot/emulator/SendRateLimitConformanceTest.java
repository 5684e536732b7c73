package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate-based throttling of webwxsendmsg (PROTOCOL.md 5.8, 11.3), driven by a plain HTTP client. */
class SendRateLimitConformanceTest {

    private static JsonNode send(WebLogin login, WireClient client, String self, String to, String text) {
        return login.postJson(client, "webwxsendmsg?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"Msg\":{\"Type\":1,\"Content\":\"" + text
                        + "\",\"FromUserName\":\"" + self + "\",\"ToUserName\":\"" + to + "\",\"LocalID\":\"17000001234560417\","
                        + "\"ClientMsgId\":\"17000001234560417\"},\"Scene\":0}").json();
    }

    private static int ret(JsonNode response) {
        return response.path("BaseResponse").path("Ret").asInt();
    }

    @Test
    void sendsBeyondThePerAccountLimitAnswer1205WithEmptyIdsAndAreNotDelivered() {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1))
                .sendRateLimit(SendRateLimit.perAccount(3, Duration.ofMinutes(10))).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            Contact bob = bot.addFriend("Bob");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();

            assertEquals(0, ret(send(login, client, self, alice.userName(), "one")));
            assertEquals(0, ret(send(login, client, self, bob.userName(), "two")));
            assertEquals(0, ret(send(login, client, self, alice.userName(), "three")));
            JsonNode refused = send(login, client, self, bob.userName(), "four");

            assertEquals(List.of("BaseResponse", "MsgID", "LocalID"), fieldNames(refused));
            assertEquals(1205, ret(refused));
            assertEquals("", refused.path("BaseResponse").path("ErrMsg").asText());
            assertEquals("", refused.path("MsgID").asText());
            assertEquals("", refused.path("LocalID").asText());
            assertEquals(List.of("one", "two", "three"), bot.sentMessages().stream().map(SentMessage::content).toList());
            List<ThrottledSend> throttled = bot.throttledSends();
            assertEquals(1, throttled.size());
            assertEquals("four", throttled.getFirst().content());
            assertEquals(bob.userName(), throttled.getFirst().toUserName());
            assertEquals("webwxsendmsg", throttled.getFirst().endpoint());
            assertEquals(SendRateLimit.Scope.ACCOUNT, throttled.getFirst().limit().scope());
        }
    }

    @Test
    void perChatLimitRefusesOnlyTheChatThatReachedIt() {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1))
                .sendRateLimit(SendRateLimit.perChat(2, Duration.ofMinutes(10))).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            Contact bob = bot.addFriend("Bob");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();

            assertEquals(0, ret(send(login, client, self, alice.userName(), "a1")));
            assertEquals(0, ret(send(login, client, self, alice.userName(), "a2")));
            assertEquals(1205, ret(send(login, client, self, alice.userName(), "a3")));
            assertEquals(0, ret(send(login, client, self, bob.userName(), "b1")));
            assertEquals(List.of("a1", "a2", "b1"), bot.sentMessages().stream().map(SentMessage::content).toList());
        }
    }

    @Test
    void theWindowSlidesSoASendIsAcceptedAgainExactlyWhenTheOldestLeavesIt() {
        ManualClock clock = ManualClock.startingNow();
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).clock(clock)
                .sendRateLimit(SendRateLimit.perAccount(2, Duration.ofMinutes(1))).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();

            assertEquals(0, ret(send(login, client, self, alice.userName(), "at 0 s")));
            clock.advance(Duration.ofSeconds(30));
            assertEquals(0, ret(send(login, client, self, alice.userName(), "at 30 s")));
            clock.advance(Duration.ofMillis(29_999));
            assertEquals(1205, ret(send(login, client, self, alice.userName(), "at 59.999 s")), "two sends in the last minute");
            clock.advance(Duration.ofMillis(1));
            assertEquals(0, ret(send(login, client, self, alice.userName(), "at 60 s")), "the send at 0 s left the window");
            clock.advance(Duration.ofSeconds(1));
            // A window that restarted every minute would admit this one; the sliding one still holds 30 s and 60 s.
            assertEquals(1205, ret(send(login, client, self, alice.userName(), "at 61 s")));

            assertEquals(List.of("at 0 s", "at 30 s", "at 60 s"), bot.sentMessages().stream().map(SentMessage::content).toList());
            assertEquals(List.of("at 59.999 s", "at 61 s"), bot.throttledSends().stream().map(ThrottledSend::content).toList());
        }
    }

    @Test
    void withoutConfiguredLimitsNothingIsThrottled() {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();
            for (int i = 0; i < 50; i++) {
                assertEquals(0, ret(send(login, client, self, alice.userName(), "m" + i)));
            }
            assertEquals(50, bot.sentMessages().size());
            assertTrue(bot.throttledSends().isEmpty());
        }
    }
}
