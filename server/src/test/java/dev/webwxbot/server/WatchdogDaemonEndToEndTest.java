package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog as an operator runs it: {@code safety.watchdog} set in an account's block reaches the daemon's
 * session, which finds the emulator's stuck sync key, probes and re-initialises it, posts each step to the webhook
 * as a {@code safety.*} event, and hands the message the emulator held back on exactly once. Real time with short
 * settings: the clock-driven checks of every rule are core's {@code WatchdogEndToEndTest}.
 */
class WatchdogDaemonEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final CapturedLogs logs = CapturedLogs.attach();
    private Emulator emulator;
    private Account shop;
    private Contact alice;
    private WebhookReceiver receiver;
    private BotServer server;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        shop = emulator.addAccount("Shop");
        alice = shop.addFriend("Alice");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        receiver.close();
        emulator.close();
        logs.close();
    }

    @Test
    void aStuckSyncKeyIsRecoveredAndEveryStepReachesTheWebhook() throws Exception {
        logs.expect(Level.WARN, "the session looks stalled: .*");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot.accounts { shop { safety.watchdog { check-interval = 200ms, frozen-key-limit = 1s,
                                                             probe-timeout = 2s } } }
                webwx-bot.webhooks = [ { url = "%s", secret = "s3cret", events = [ "*" ],
                                         backoff-base = 50ms, backoff-cap = 200ms } ]
                """.formatted(receiver.url()));
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", shop);

        emulator.faults().on("webwxsync").times(1).stuckSyncKey();
        alice.sendText("held back");
        emulator.faults().awaitFired(FaultKind.STUCK_SYNC_KEY, Duration.ofSeconds(10));

        List<JsonNode> hooks = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        // The daemon posts events from a queue each fills off the network thread: their order may differ a little.
        while (hooks.stream().filter(hook -> hook.path("type").asText().startsWith("safety.")).count() < 7) {
            assertTrue(System.nanoTime() < deadline, "no RECOVERED step; webhooks so far: " + hooks);
            hooks.add(JSON.readTree(receiver.await(Duration.ofSeconds(30)).text()));
        }
        JsonNode stalled = hooks.stream().filter(hook -> hook.path("type").asText().equals("safety.session-stalled"))
                .findFirst().orElseThrow().path("event");
        assertEquals("SYNC_KEY_FROZEN", stalled.path("symptom").asText());
        List<String> steps = hooks.stream().filter(hook -> hook.path("type").asText().equals("safety.session-recovery"))
                .map(hook -> hook.path("event").path("step").asText()).sorted().toList();
        assertEquals(List.of("PROBE_LOST", "PROBE_RETURNED", "PROBE_SENT", "PROBE_SENT", "RECOVERED", "REINITIALISED"),
                steps);

        JsonNode account = ApiCalls.from(dir.resolve("data")).json(
                ApiCalls.from(dir.resolve("data")).get("/api/v1/accounts/shop"));
        assertEquals("safety.session-recovery", account.path("watchdog").path("type").asText(), account.toString());
        assertEquals("RECOVERED", account.path("watchdog").path("step").asText(), account.toString()); // the last

        alice.sendText("after");
        while (hooks.stream().noneMatch(hook -> hook.path("event").path("text").asText().equals("after"))) {
            assertTrue(System.nanoTime() < deadline, "the message after the recovery never came: " + hooks);
            hooks.add(JSON.readTree(receiver.await(Duration.ofSeconds(30)).text()));
        }
        long heldBack = hooks.stream().filter(hook -> hook.path("event").path("text").asText().equals("held back"))
                .count();
        assertEquals(1, heldBack, "the held-back message reached the webhook once: " + hooks);
        assertTrue(hooks.stream().noneMatch(hook -> hook.toString().contains("checking that messages still arrive")),
                "no probe reached the webhook as a message");
    }
}
