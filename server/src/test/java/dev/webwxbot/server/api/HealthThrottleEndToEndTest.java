package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SendRateLimit;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health view after the server said "too fast": the throttle counted and timed, the send rate lowered. */
class HealthThrottleEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aThrottleShowsInTheAccountsHealthWithItsTimeAndTheLoweredRate() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach().expect(Level.WARN, "webwxsendmsg answered 1205 \\(sending too "
                + "fast\\): all sends pause for \\d+ ms at \\d+% of the configured rate; retry \\d of 10");
             Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                     .syncCheckHold(Duration.ofSeconds(1))
                     .sendRateLimit(SendRateLimit.perAccount(1, Duration.ofMillis(800))).start()) {
            Account phone = emulator.addAccount("Bot");
            phone.addFriend("Alice");
            BotServer server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                    webwx-bot.accounts { main {} }
                    webwx-bot.send { max-retries = 10, backoff-base = 1s, backoff-cap = 1s, recovery-quiet-period = 10m }
                    """);
            try {
                ApiCalls api = ApiCalls.from(dir.resolve("data"));
                DaemonFixture.logIn(api, "main", phone);
                Instant before = Instant.now();
                for (String text : new String[] {"one", "two"}) {
                    HttpResponse<String> sent = api.post("/api/v1/accounts/main/messages",
                            "{\"to\":\"Alice\",\"text\":\"" + text + "\"}");
                    assertEquals(200, sent.statusCode(), sent.body());
                }
                assertFalse(phone.throttledSends().isEmpty(), "the emulator refused the second send once");

                HttpResponse<String> answer = api.get("/api/v1/health");
                assertEquals(200, answer.statusCode(), answer.body());
                JsonNode main = api.json(answer).path("accounts").get(0);
                int refused = phone.throttledSends().size(); // how often the emulator said 1205, jitter deciding
                assertEquals(refused, main.path("throttles").asLong(), main.toString());
                assertEquals(refused, main.path("recentThrottles").size(), main.toString());
                Instant at = Instant.parse(main.path("recentThrottles").get(0).asText());
                assertTrue(!at.isBefore(before.minusSeconds(1)), at + " is the throttle's time");
                double rate = main.path("send").path("rateFraction").asDouble();
                assertTrue(rate < 1 && rate > 0, "lowered until ten quiet minutes pass: " + main);
                assertEquals(0, main.path("send").path("queued").asInt(), main.toString());
            } finally {
                server.close();
            }
        }
    }
}
