package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.FaultKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session's monitor hears of sends, throttling and sync failures from the real client against the emulator,
 * the faults injected on the server's side.
 */
class SessionMonitorEndToEndTest {

    private static final SessionOptions FAST = SessionOptions.defaults()
            .withSendLimits(SendLimits.defaults().withGlobalRate(600_000, 1_000).withPerChatRate(600_000, 1_000)
                    .withGaps(Duration.ZERO, Duration.ZERO)
                    .withRetries(5, Duration.ofMillis(50), Duration.ofMillis(200)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5));

    private final RecordingMonitor monitor = new RecordingMonitor();
    private final CapturedLogs logs = CapturedLogs.attach();
    private EmulatorWorld world;
    private Contact alice;
    private PhoneLogin login;
    private Bot bot;

    @BeforeEach
    void logIn() throws Exception {
        world = EmulatorWorld.start();
        alice = world.account.addFriend("Alice");
        login = PhoneLogin.messagesOnly(world.account);
        bot = world.logIn(FAST.withMonitor(monitor), login).bot();
    }

    @AfterEach
    void tearDown() {
        world.close();
        logs.close();
    }

    @Test
    void everyMessageIsReportedOnceWithItsKindAndOutcome() throws Exception {
        SendReceipt sent = bot.send(chat(alice), Outgoing.text("hi"));
        assertTrue(sent.ok(), sent.toString());
        Result<Void> revoked = bot.revoke((SendReceipt.Sent) sent);
        assertTrue(revoked.ok(), revoked.toString());
        world.emulator.faults().on("webwxsendmsg").times(1).ret(1);
        SendReceipt refused = bot.send(chat(alice), Outgoing.text("no"));
        assertFalse(refused.ok(), refused.toString());

        assertEquals(List.of("text:sent", "revoke:sent", "text:" + ((SendReceipt.Failed) refused).reason()),
                monitor.sends);
        assertTrue(monitor.latencies.stream().allMatch(latency -> latency.isPositive()), monitor.latencies.toString());
        assertEquals(0, monitor.throttled.size());
        assertEquals(List.of("sending to " + alice.userName() + " failed (REJECTED): "), logs.atLeast(Level.WARN)
                .stream().map(line -> line.substring(0, line.indexOf(": ") + 2)).toList());
    }

    @Test
    void each1205IsReportedAsThrottledAndTheRetriedMessageOnceAsSent() throws Exception {
        world.emulator.faults().on("webwxsendmsg").times(2).ret(1205);
        SendReceipt sent = bot.send(chat(alice), Outgoing.text("slowly"));
        assertTrue(sent.ok(), sent.toString());
        assertEquals(2, monitor.throttled.size());
        assertEquals(List.of("text:sent"), monitor.sends);
        assertEquals(2, logs.atLeast(Level.WARN).stream().filter(line -> line.contains("answered 1205")).count());
        assertEquals(2, logs.atLeast(Level.WARN).size(), logs.atLeast(Level.WARN).toString());
    }

    @Test
    void failedSyncRoundsAreReportedThenTheFirstGoodRoundAfterThem() throws Exception {
        world.emulator.faults().on("synccheck").times(2).serverError(503);
        world.emulator.faults().awaitFired(FaultKind.SERVER_ERROR, Duration.ofSeconds(10));
        Await.until(() -> monitor.recovered.size() == 1, "the loop recovers", Duration.ofSeconds(20));
        assertEquals(2, monitor.syncFailures.size(), monitor.syncFailures.toString());
        alice.sendText("after");
        assertEquals("after", login.next(dev.webwxbot.api.event.TextMessage.class).text()); // more good rounds...
        assertEquals(1, monitor.recovered.size()); // ...are not reported again
        assertEquals(2, logs.atLeast(Level.WARN).stream().filter(line -> line.startsWith("synccheck failed")).count(),
                logs.atLeast(Level.WARN).toString());
        assertEquals(2, logs.atLeast(Level.WARN).size());
    }

    private dev.webwxbot.api.Contact chat(Contact contact) {
        return bot.contacts().byUserName(contact.userName()).orElseThrow();
    }

    /** Keeps what it is told, in order. */
    private static final class RecordingMonitor implements SessionMonitor {
        final List<String> sends = new CopyOnWriteArrayList<>();
        final List<Duration> latencies = new CopyOnWriteArrayList<>();
        final List<String> throttled = new CopyOnWriteArrayList<>();
        final List<Throwable> syncFailures = new CopyOnWriteArrayList<>();
        final List<String> recovered = new CopyOnWriteArrayList<>();

        @Override
        public void sent(String kind, Duration latency, Optional<FailureReason> failure) {
            sends.add(kind + ":" + failure.map(FailureReason::name).orElse("sent"));
            latencies.add(latency);
        }

        @Override
        public void throttled() {
            throttled.add("1205");
        }

        @Override
        public void syncFailed(Throwable cause) {
            syncFailures.add(cause);
        }

        @Override
        public void syncRecovered() {
            recovered.add("back");
        }
    }
}
