package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxrevokemsg (PROTOCOL.md 5.7): success texts inside the window, Ret -1 after it or for unknown ids. */
class RevokeConformanceTest {

    private static JsonNode send(WebLogin login, WireClient client, String self, String to) {
        return login.postJson(client, "webwxsendmsg?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"Msg\":{\"Type\":1,\"Content\":\"hi\",\"FromUserName\":\""
                        + self + "\",\"ToUserName\":\"" + to + "\",\"LocalID\":\"17000001234560417\","
                        + "\"ClientMsgId\":\"17000001234560417\"},\"Scene\":0}").json();
    }

    private static JsonNode revoke(WebLogin login, WireClient client, String svrMsgId, String to, boolean withClientId) {
        return login.postJson(client, "webwxrevokemsg?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"SvrMsgId\":\"" + svrMsgId + "\",\"ToUserName\":\"" + to + "\""
                        + (withClientId ? ",\"ClientMsgId\":1700000000000.123" : "") + "}").json();
    }

    @Test
    void revokeInsideTheWindowSucceedsOnceWithTheOfficialTexts() {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();
            String msgId = send(login, client, self, alice.userName()).path("MsgID").asText();

            JsonNode missingClientId = revoke(login, client, msgId, alice.userName(), false);
            assertEquals(-1, missingClientId.path("BaseResponse").path("Ret").asInt());
            JsonNode ok = revoke(login, client, msgId, alice.userName(), true);
            assertEquals(java.util.List.of("BaseResponse", "Introduction", "SysWording"), fieldNames(ok));
            assertEquals(0, ok.path("BaseResponse").path("Ret").asInt());
            assertEquals("你可以撤回2分钟内发送的消息（部分旧版本微信不支持这个功能）。", ok.path("Introduction").asText());
            assertEquals("已撤回", ok.path("SysWording").asText());
            assertTrue(bot.conversation().getLast().text().startsWith("[revoked]"));

            JsonNode again = revoke(login, client, msgId, alice.userName(), true);
            assertEquals(-1, again.path("BaseResponse").path("Ret").asInt());
            assertEquals("", again.path("Introduction").asText());
            assertEquals(-1, revoke(login, client, "123", alice.userName(), true).path("BaseResponse").path("Ret").asInt());
        }
    }

    @Test
    void revokeAnswersRetMinus1WithEmptyTextsOnceTheTwoMinuteWindowHasPassed() {
        ManualClock clock = ManualClock.startingNow();
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).clock(clock).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            WebLogin login = WebLogin.perform(emulator, client, bot);
            String self = login.init(client).path("User").path("UserName").asText();
            String lastInWindow = send(login, client, self, alice.userName()).path("MsgID").asText();
            String tooLate = send(login, client, self, alice.userName()).path("MsgID").asText();

            clock.advance(Duration.ofMinutes(2));
            assertEquals(0, revoke(login, client, lastInWindow, alice.userName(), true).path("BaseResponse").path("Ret").asInt(),
                    "two minutes to the millisecond is still inside the window");
            clock.advance(Duration.ofMillis(1));
            JsonNode late = revoke(login, client, tooLate, alice.userName(), true);
            assertEquals(-1, late.path("BaseResponse").path("Ret").asInt());
            assertEquals("", late.path("SysWording").asText());
            assertEquals("", late.path("Introduction").asText());
        }
    }
}
