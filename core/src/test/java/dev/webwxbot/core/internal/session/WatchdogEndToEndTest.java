package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionRecovery.Step;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.api.event.SessionStalled.Symptom;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WatchdogSettings;
import dev.webwxbot.core.internal.http.HttpTransport;
import dev.webwxbot.core.internal.http.OriginResolver;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The zombie-session watchdog against the emulator's zombie faults, over real sockets, its time on a fake clock: a
 * session whose sync stops delivering is found, probed and recovered (webwxinit, else a fresh login) without losing
 * what the emulator queued and without handing anything to plugins twice; a healthy quiet night raises nothing; a
 * watchdog turned off does nothing. The test calls the periodic check itself after moving the clock.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WatchdogEndToEndTest {

    /** Day 1, 09:00 UTC: the session starts watching. */
    private static final Instant DAY1 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final SendLimits FAST = SendLimits.defaults()
            .withGlobalRate(60_000, 1_000).withPerChatRate(60_000, 1_000)
            .withGaps(Duration.ZERO, Duration.ZERO)
            .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200));
    /** Defaults, but the timer far off: the test runs the check. */
    private static final WatchdogSettings WATCHDOG = new WatchdogSettings(true, Duration.ofHours(1),
            Duration.ofMinutes(30), 10, 7, Duration.ofMinutes(2), Duration.ofMinutes(2), 3, "watchdog probe",
            Duration.ofMinutes(1));

    private final CapturedLogs logs = CapturedLogs.attach();
    private final ManualClock clock = ManualClock.startingAt(DAY1);
    private Emulator emulator;
    private Account account;
    private Contact alice;
    private HttpTransport transport;
    private SessionEngine engine;
    private Listener listener;

    @AfterEach
    void tearDown() {
        if (engine != null) engine.stop();
        if (transport != null) transport.close();
        if (emulator != null) emulator.close();
        logs.close();
    }

    private void online(WatchdogSettings settings) throws Exception {
        online(settings, true);
    }

    private void online(WatchdogSettings settings, boolean echoes) throws Exception {
        emulator = Emulator.builder().loginPollHold(Duration.ofMillis(300)).syncCheckHold(Duration.ofMillis(400))
                .echoWebSentMessages(echoes).seed(11).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        transport = HttpTransport.builder().resolver(OriginResolver.fixed(URI.create(emulator.baseUrl()))).build();
        listener = new Listener(account);
        engine = new SessionEngine(transport, SessionOptions.defaults().withSendLimits(FAST).withWatchdog(settings),
                listener, SessionEngine.SAVE_INTERVAL, clock);
        engine.start().get(30, TimeUnit.SECONDS);
    }

    /** Alice writes {@code count} texts at the clock's current time; returns once the plugins had them all. */
    private void aliceWrites(String prefix, int count) {
        int before = listener.texts().size();
        for (int i = 1; i <= count; i++) alice.sendText(prefix + i);
        await(() -> listener.texts().size() >= before + count, "alice's " + count + " messages");
    }

    /** A busy hour on day 1 (and on day 2 when asked): 30 messages at 10:00. */
    private void busyMornings(int days) {
        for (int day = 0; day < days; day++) {
            setClock(DAY1.plus(DAY.multipliedBy(day)).plus(Duration.ofHours(1)));
            aliceWrites("busy-" + day + "-", 30);
        }
    }

    private void setClock(Instant to) {
        clock.advance(Duration.between(clock.instant(), to));
    }

    private boolean warned(String start) {
        return logs.eventsAtLeast(Level.WARN).stream().anyMatch(e -> e.getFormattedMessage().startsWith(start));
    }

    @Test
    void aFrozenSyncIsFoundProbedAndRecoveredByWebwxinitWithNothingLostOrDoubled() throws Exception {
        online(WATCHDOG);
        busyMornings(1);
        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(55))); // day 2, 09:55
        aliceWrites("morning-", 2);
        emulator.faults().on("synccheck").times(1).frozenSync();
        emulator.faults().awaitFired(FaultKind.FROZEN_SYNC, Duration.ofSeconds(10));
        for (int i = 1; i <= 3; i++) alice.sendText("queued-" + i);

        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(95))); // day 2, 10:35: 40 minutes of silence
        engine.watchdog().check();
        SessionStalled stalled = listener.nextSafety(SessionStalled.class);
        assertEquals(Symptom.SELECTOR_ALWAYS_ZERO, stalled.symptom(), stalled.explanation());
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        assertEquals(List.of(), listener.textsStartingWith("queued-"), "the frozen session delivered nothing");

        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.REINITIALISED, Step.PROBE_SENT, Step.PROBE_RETURNED,
                Step.RECOVERED), listener.steps(5));
        await(() -> listener.textsStartingWith("queued-").size() == 3, "the queued messages");
        assertEquals(List.of("queued-1", "queued-2", "queued-3"), listener.textsStartingWith("queued-"));
        assertNothingDoubledAndNoProbeHandedOn();
        assertTrue(warned("the session looks stalled: synccheck has answered \"nothing new\""), logs.all());
        assertNoOtherWarnings("the session looks stalled");
    }

    @Test
    void aStuckSyncKeyIsFoundFromFruitlessRoundsAndRecovered() throws Exception {
        online(WATCHDOG);
        emulator.faults().on("webwxsync").times(1).stuckSyncKey();
        alice.sendText("queued-1");
        emulator.faults().awaitFired(FaultKind.STUCK_SYNC_KEY, Duration.ofSeconds(10));
        alice.sendText("queued-2");
        await(() -> engine.watchdog().fruitlessRounds() >= 3, "three fruitless sync rounds");

        clock.advance(Duration.ofMinutes(3));
        engine.watchdog().check();
        SessionStalled stalled = listener.nextSafety(SessionStalled.class);
        assertEquals(Symptom.SYNC_KEY_FROZEN, stalled.symptom(), stalled.explanation());
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.REINITIALISED, Step.PROBE_SENT, Step.PROBE_RETURNED,
                Step.RECOVERED), listener.steps(5));
        await(() -> listener.textsStartingWith("queued-").size() == 2, "the queued messages");
        assertNothingDoubledAndNoProbeHandedOn();
        assertNoOtherWarnings("the session looks stalled");
    }

    @Test
    void sendsWhoseEchoesStopComingAreFoundAndWebwxinitBringsThemBack() throws Exception {
        online(WATCHDOG);
        Bot bot = engine.bot();
        dev.webwxbot.api.Contact chat = engine.bot().contacts().byUserName(alice.userName()).orElseThrow();
        SendReceipt.Sent first = sent(bot.send(chat, Outgoing.text("echoed")));
        await(() -> listener.msgIds().contains(first.msgId()), "the first send's echo");
        emulator.faults().on("webwxsendmsg").times(1).lostEchoes();
        for (int i = 1; i <= 3; i++) sent(bot.send(chat, Outgoing.text("lost-" + i)));

        clock.advance(Duration.ofMinutes(3));
        engine.watchdog().check();
        SessionStalled stalled = listener.nextSafety(SessionStalled.class);
        assertEquals(Symptom.ECHOES_MISSING, stalled.symptom(), stalled.explanation());
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.REINITIALISED, Step.PROBE_SENT, Step.PROBE_RETURNED,
                Step.RECOVERED), listener.steps(5));
        List<String> probes = account.sentMessages().stream().filter(m -> m.toUserName().equals("filehelper"))
                .map(SentMessage::content).toList();
        assertEquals(List.of("watchdog probe", "watchdog probe"), probes);
        assertNothingDoubledAndNoProbeHandedOn();
        assertNoOtherWarnings("the session looks stalled");
    }

    @Test
    void whenWebwxinitFailsAFreshLoginRecoversAndReceivesWhatWasQueued() throws Exception {
        online(WATCHDOG);
        busyMornings(1);
        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(55)));
        aliceWrites("morning-", 2);
        emulator.faults().on("synccheck").times(1).frozenSync();
        emulator.faults().awaitFired(FaultKind.FROZEN_SYNC, Duration.ofSeconds(10));
        for (int i = 1; i <= 3; i++) alice.sendText("queued-" + i);
        emulator.faults().on("webwxinit").times(1).ret(1);

        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(95)));
        engine.watchdog().check();
        listener.nextSafety(SessionStalled.class);
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.RELOGIN_STARTED, Step.RECOVERED), listener.steps(3));
        assertTrue(listener.progress.stream().anyMatch(p -> p instanceof LoginProgress.PushSent),
                "the fresh login went the session's own way (push login first)");
        await(() -> listener.textsStartingWith("queued-").size() == 3, "the queued messages after the new login");
        assertEquals(List.of("queued-1", "queued-2", "queued-3"), listener.textsStartingWith("queued-"));
        alice.sendText("after");
        await(() -> listener.texts().contains("after"), "a message to the new login");
        assertNothingDoubledAndNoProbeHandedOn();
        assertTrue(warned("webwxinit failed"), logs.all());
        assertNoOtherWarnings("the session looks stalled", "webwxinit failed");
    }

    @Test
    void aSecondLostProbeInASessionWhoseSendsEchoedLeadsToAFreshLogin() throws Exception {
        online(WATCHDOG);
        Bot bot = engine.bot();
        dev.webwxbot.api.Contact chat = engine.bot().contacts().byUserName(alice.userName()).orElseThrow();
        SendReceipt.Sent first = sent(bot.send(chat, Outgoing.text("echoed")));
        await(() -> listener.msgIds().contains(first.msgId()), "the first send's echo");
        emulator.faults().on("webwxsendmsg").times(1).lostEchoes();
        // Past lost-2, lost-3 and the first probe: the probe after webwxinit makes the session lose echoes again.
        emulator.faults().on("webwxsendmsg").skip(3).times(1).lostEchoes();
        for (int i = 1; i <= 3; i++) sent(bot.send(chat, Outgoing.text("lost-" + i)));

        clock.advance(Duration.ofMinutes(3));
        engine.watchdog().check();
        assertEquals(Symptom.ECHOES_MISSING, listener.nextSafety(SessionStalled.class).symptom());
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.REINITIALISED, Step.PROBE_SENT), listener.steps(3));
        awaitProbesSent(2);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.RELOGIN_STARTED, Step.RECOVERED), listener.steps(3));
        alice.sendText("after");
        await(() -> listener.texts().contains("after"), "a message to the new login");
        assertNothingDoubledAndNoProbeHandedOn();
        assertNoOtherWarnings("the session looks stalled");
    }

    @Test
    void anAccountWhoseSendsNeverEchoIsRecoveredByWebwxinitWithoutAFreshLogin() throws Exception {
        online(WATCHDOG, false);
        busyMornings(1);
        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(55)));
        aliceWrites("morning-", 2);
        emulator.faults().on("synccheck").times(1).frozenSync();
        emulator.faults().awaitFired(FaultKind.FROZEN_SYNC, Duration.ofSeconds(10));
        alice.sendText("queued-1");

        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(95)));
        engine.watchdog().check();
        listener.nextSafety(SessionStalled.class);
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.REINITIALISED, Step.PROBE_SENT), listener.steps(3));
        awaitProbesSent(2);
        await(() -> listener.textsStartingWith("queued-").size() == 1, "the queued message after webwxinit");
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.RECOVERED), listener.steps(2));
        assertTrue(listener.progress.stream().noneMatch(p -> p instanceof LoginProgress.PushSent), "no fresh login");
        assertNothingDoubledAndNoProbeHandedOn();
        assertNoOtherWarnings("the session looks stalled");
    }

    @Test
    void whenTheFreshLoginFailsTooTheWatchdogGivesUpAndEndsTheSession() throws Exception {
        online(WATCHDOG);
        emulator.faults().on("webwxsync").times(1).stuckSyncKey();
        alice.sendText("queued-1");
        emulator.faults().awaitFired(FaultKind.STUCK_SYNC_KEY, Duration.ofSeconds(10));
        await(() -> engine.watchdog().fruitlessRounds() >= 3, "three fruitless sync rounds");
        emulator.faults().on("webwxinit").times(1).ret(1);
        emulator.faults().on("webwxpushloginurl").ret(1);
        emulator.faults().on("jslogin").serverError(503);

        clock.advance(Duration.ofMinutes(3));
        engine.watchdog().check();
        listener.nextSafety(SessionStalled.class);
        assertEquals(Step.PROBE_SENT, listener.nextSafety(SessionRecovery.class).step());
        awaitProbesSent(1);
        clock.advance(Duration.ofMinutes(1));
        engine.watchdog().check();
        assertEquals(List.of(Step.PROBE_LOST, Step.RELOGIN_STARTED, Step.GAVE_UP), listener.steps(3));
        dev.webwxbot.api.event.LoggedOut end = engine.ended().get(10, TimeUnit.SECONDS);
        assertEquals(dev.webwxbot.api.event.LoggedOut.Reason.OTHER, end.reason());
        assertTrue(logs.at(Level.ERROR).stream().anyMatch(line -> line.startsWith("session recovery gave up")),
                logs.all());
        assertNoOtherWarnings("the session looks stalled", "webwxinit failed", "session recovery gave up");
    }

    @Test
    void aHealthySessionQuietAtNightIsNotFlagged() throws Exception {
        online(WATCHDOG);
        busyMornings(2);
        setClock(DAY1.plus(DAY.multipliedBy(2)).minus(Duration.ofHours(6))); // day 3, 03:00: 17 quiet hours
        engine.watchdog().check();
        clock.advance(Duration.ofHours(2));
        engine.watchdog().check();
        alice.sendText("good morning");
        await(() -> listener.texts().contains("good morning"), "the morning message");
        assertEquals(List.of(), listener.safetyEvents());
        assertTrue(account.sentMessages().isEmpty(), "no probe was sent");
        assertNoOtherWarnings();
    }

    @Test
    void aWatchdogTurnedOffDoesNothing() throws Exception {
        online(WATCHDOG.withEnabled(false));
        busyMornings(1);
        setClock(DAY1.plus(DAY).plus(Duration.ofMinutes(55)));
        aliceWrites("morning-", 2);
        emulator.faults().on("synccheck").times(1).frozenSync();
        emulator.faults().awaitFired(FaultKind.FROZEN_SYNC, Duration.ofSeconds(10));
        alice.sendText("queued-1");
        setClock(DAY1.plus(DAY).plus(Duration.ofHours(3)));
        engine.watchdog().check();
        clock.advance(Duration.ofMinutes(5));
        engine.watchdog().check();
        assertEquals(List.of(), listener.safetyEvents());
        assertTrue(account.sentMessages().isEmpty(), "no probe was sent");
        assertEquals(List.of(), listener.textsStartingWith("queued-"), "and nobody recovered the session");
        assertNoOtherWarnings();
    }

    /** Waits until the emulator took {@code count} probes: the clock may move on only once a probe is out. */
    private void awaitProbesSent(int count) {
        await(() -> account.sentMessages().stream().filter(m -> m.toUserName().equals("filehelper")).count() >= count,
                count + " probe(s) at the emulator");
    }

    private static SendReceipt.Sent sent(SendReceipt receipt) {
        return assertInstanceOf(SendReceipt.Sent.class, receipt, receipt.toString());
    }

    private void assertNothingDoubledAndNoProbeHandedOn() {
        List<String> ids = listener.msgIds();
        assertEquals(ids.stream().distinct().toList(), ids, "a message reached the plugins twice");
        assertTrue(listener.texts().stream().noneMatch(text -> text.equals(WATCHDOG.probeText())),
                "a probe reached the plugins: " + listener.texts());
    }

    private void assertNoOtherWarnings(String... expected) {
        List<String> unexpected = logs.eventsAtLeast(Level.WARN).stream()
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
                .filter(line -> java.util.Arrays.stream(expected).noneMatch(line::contains))
                .toList();
        assertEquals(List.of(), unexpected);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(10); // polling an asynchronous result, not letting time pass: the clock is fake
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Logs in like a person (scan, confirm, confirm a pushed login) and keeps what reached the plugins. */
    private static final class Listener extends PhoneLogin {
        private final List<MessageEvent> handed = new CopyOnWriteArrayList<>();
        private final BlockingQueue<SafetyEvent> safety = new LinkedBlockingQueue<>();
        private final List<SafetyEvent> allSafety = new CopyOnWriteArrayList<>();

        Listener(Account account) {
            super(account);
        }

        @Override
        public void onLoginProgress(LoginProgress step) {
            super.onLoginProgress(step);
            if (step instanceof LoginProgress.PushSent) {
                Thread.startVirtualThread(() -> {
                    account.phone().awaitPushPrompt(Duration.ofSeconds(5));
                    account.phone().confirm();
                });
            }
        }

        @Override
        public void onEvent(BotEvent event) {
            if (event instanceof SafetyEvent s) {
                safety.add(s);
                allSafety.add(s);
            }
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            handed.add(message);
            return CompletableFuture.completedFuture(null);
        }

        List<String> texts() {
            List<String> texts = new ArrayList<>();
            for (MessageEvent message : handed) if (message instanceof TextMessage text) texts.add(text.text());
            return texts;
        }

        List<String> textsStartingWith(String prefix) {
            return texts().stream().filter(text -> text.startsWith(prefix)).toList();
        }

        List<String> msgIds() {
            return handed.stream().map(MessageEvent::msgId).toList();
        }

        List<SafetyEvent> safetyEvents() {
            return List.copyOf(allSafety);
        }

        <T extends SafetyEvent> T nextSafety(Class<T> type) throws InterruptedException {
            SafetyEvent event = safety.poll(20, TimeUnit.SECONDS);
            if (event == null) throw new AssertionError("no " + type.getSimpleName() + " came");
            return assertInstanceOf(type, event, event.toString());
        }

        /** The next {@code count} recovery steps, in order. */
        List<Step> steps(int count) throws InterruptedException {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < count; i++) steps.add(nextSafety(SessionRecovery.class).step());
            return steps;
        }
    }
}
