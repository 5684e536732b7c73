package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionRecovery.Step;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.core.WatchdogSettings;
import dev.webwxbot.core.internal.message.ContentText;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zombie-session watchdog of one session: told what the sync loop and the sends see, it finds a session that
 * synccheck keeps alive but that delivers nothing ({@link StallSigns}), then probes it (a text to the file helper
 * that must come back through sync), re-initialises it (webwxinit) and probes again, and as the last resort logs in
 * afresh through the session's own login path. Each step is an event and one log line.
 *
 * <p>No thread of its own: {@link #check} runs on a timer of the shared event loop group, every
 * {@code checkInterval}, and only reads counters and starts asynchronous steps. Tests call it directly after moving
 * the clock. Thread-safe.
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    static final String FILE_HELPER = "filehelper";
    /** Probe MsgIds remembered, to drop a late echo of any of them. */
    private static final int PROBES_KEPT = 16;

    /** What the watchdog asks of its session. */
    interface Recovery {
        /** Whether the session is online and receiving (no check while it logs in or stops). */
        boolean receiving();

        /** Sends the probe text to the file helper; completes with the MsgID the server answered. */
        CompletableFuture<String> sendProbe(String text);

        /** webwxinit on the same session, its cursor then taken from the answer; completes when done. */
        CompletableFuture<Void> reinitialise();

        /** A fresh login through the session's own login path; completes once online again. */
        CompletableFuture<Void> logInAgain();

        /** Ends the session: recovery failed. */
        void giveUp(String why);
    }

    private enum Stage { WATCHING, PROBING, REINITIALISING, VERIFYING, LOGGING_IN, GAVE_UP }

    private final WatchdogSettings settings;
    private final Clock clock;
    private final Recovery recovery;
    private final Consumer<BotEvent> raise;
    private final ReentrantLock lock = new ReentrantLock();
    private final StallSigns signs;
    private final SequencedSet<String> probeIds = new LinkedHashSet<>();
    private Stage stage = Stage.WATCHING; // guarded by lock
    private Instant probeSentAt; // guarded by lock: when the current probe was asked for
    private volatile ScheduledFuture<?> timer;

    Watchdog(WatchdogSettings settings, Clock clock, Recovery recovery, Consumer<BotEvent> raise) {
        this.settings = settings;
        this.clock = clock;
        this.recovery = recovery;
        this.raise = raise;
        this.signs = new StallSigns(settings, clock.instant());
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** Runs {@link #check} every {@code checkInterval} on {@code timers}; nothing when disabled. */
    void start(ScheduledExecutorService timers) {
        if (!enabled() || timer != null) return;
        long every = settings.checkInterval().toMillis();
        timer = timers.scheduleAtFixedRate(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> running = timer;
        if (running != null) running.cancel(false);
    }

    /** A synccheck answered retcode 0 with {@code selector}. */
    void polled(int selector) {
        if (!enabled()) return;
        Instant now = clock.instant();
        withLock(() -> signs.polled(now, selector));
    }

    /** A webwxsync was taken in. */
    void synced(boolean brought, boolean keyMoved) {
        if (!enabled()) return;
        Instant now = clock.instant();
        withLock(() -> signs.synced(now, brought, keyMoved));
    }

    /** A send of the session was answered with {@code msgId}. */
    void sendAnswered(String msgId) {
        if (!enabled() || msgId == null || msgId.isEmpty()) return;
        Instant now = clock.instant();
        withLock(() -> signs.sendAnswered(now, msgId));
    }

    /**
     * One received message, before it is taken in. True when it is the echo of a probe: the caller drops it, so
     * plugins never see it (whenever it comes, even after the watchdog moved on).
     */
    boolean probeEcho(JsonNode message, String selfUserName) {
        if (!enabled()) return false;
        String msgId = message.path("MsgId").asText("");
        boolean own = selfUserName != null && selfUserName.equals(message.path("FromUserName").asText());
        if (!own) return false;
        boolean probe;
        Stage before;
        lock.lock();
        try {
            signs.ownMessage(msgId);
            probe = probeIds.contains(msgId) || (FILE_HELPER.equals(message.path("ToUserName").asText())
                    && settings.probeText().equals(ContentText.decode(message.path("Content").asText(""))));
            before = stage;
            if (probe && (stage == Stage.PROBING || stage == Stage.VERIFYING)) {
                stage = Stage.WATCHING;
                probeSentAt = null;
                signs.restart(clock.instant());
            }
        } finally {
            lock.unlock();
        }
        if (probe && before == Stage.PROBING) {
            step(Step.PROBE_RETURNED, "the probe came back through sync: the session delivers after all");
        } else if (probe && before == Stage.VERIFYING) {
            step(Step.PROBE_RETURNED, "the probe came back through sync after webwxinit");
            step(Step.RECOVERED, "the session delivers again");
        }
        return probe;
    }

    /** {@code count} messages were taken in. */
    void delivered(int count) {
        if (!enabled() || count == 0) return;
        Instant now = clock.instant();
        withLock(() -> signs.delivered(now, count));
    }

    /**
     * The periodic check: a symptom starts a probe; a probe past its time moves recovery on. Cheap, never blocks,
     * never throws; the timer calls it, and tests call it after moving the clock.
     */
    void check() {
        if (!enabled()) return;
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("the session watchdog's check failed: {}", e.toString());
        }
    }

    private void checkNow() {
        Instant now = clock.instant();
        Optional<StallSigns.Finding> finding = Optional.empty();
        Stage lost = null;
        boolean neverEchoed = false;
        lock.lock();
        try {
            switch (stage) {
                case WATCHING -> {
                    if (!recovery.receiving()) return;
                    finding = signs.verdict(now);
                    if (finding.isPresent()) {
                        stage = Stage.PROBING;
                        probeSentAt = now;
                    }
                }
                case PROBING, VERIFYING -> {
                    if (probeSentAt != null && !now.isBefore(probeSentAt.plus(settings.probeTimeout()))) {
                        lost = stage;
                        // An account whose sends never echo (PROTOCOL.md 9.7) cannot be probed: after a webwxinit
                        // that answered, a fresh login (perhaps a QR scan) would be all cost and no evidence.
                        neverEchoed = lost == Stage.VERIFYING && !signs.echoesSeen();
                        stage = lost == Stage.PROBING ? Stage.REINITIALISING
                                : neverEchoed ? Stage.WATCHING : Stage.LOGGING_IN;
                        probeSentAt = null;
                        if (neverEchoed) signs.restart(now);
                    }
                }
                default -> {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        if (finding.isPresent()) {
            StallSigns.Finding found = finding.get();
            log.warn("the session looks stalled: {}; probing it with a message to the file helper",
                    found.explanation());
            raise.accept(new SessionStalled(found.symptom(), found.lastDelivery(), found.explanation(), now));
            probe();
        } else if (lost == Stage.PROBING) {
            step(Step.PROBE_LOST, "the probe did not come back within " + StallSigns.words(settings.probeTimeout())
                    + "; initialising the session again (webwxinit)");
            reinitialise();
        } else if (lost == Stage.VERIFYING && neverEchoed) {
            step(Step.PROBE_LOST, "the probe did not come back after webwxinit either, but this session's sends have "
                    + "never come back through sync, so a probe cannot tell");
            step(Step.RECOVERED, "webwxinit answered; counting the session as recovered without a fresh login");
        } else if (lost == Stage.VERIFYING) {
            step(Step.PROBE_LOST, "the probe did not come back within " + StallSigns.words(settings.probeTimeout())
                    + " even after webwxinit; logging in afresh");
            logInAgain();
        }
    }

    private void probe() {
        // Raised as the probe goes out, before its answer: its echo (or an earlier probe's, which proves as much)
        // may come through sync before the answer is read, and PROBE_RETURNED must not come before PROBE_SENT.
        step(Step.PROBE_SENT, "a probe went to the file helper; waiting for it to come back through sync within "
                + StallSigns.words(settings.probeTimeout()));
        recovery.sendProbe(settings.probeText()).whenComplete((msgId, failure) -> {
            if (failure != null) {
                lock.lock();
                try {
                    // Not sent: count it lost at the next check rather than waiting out the whole probe time.
                    if (stage == Stage.PROBING || stage == Stage.VERIFYING) probeSentAt = Instant.MIN;
                } finally {
                    lock.unlock();
                }
                log.info("session recovery: the probe to the file helper could not be sent ({}); it counts as lost",
                        Failures.describe(failure));
                return;
            }
            withLock(() -> {
                probeIds.add(msgId);
                while (probeIds.size() > PROBES_KEPT) probeIds.removeFirst();
            });
            log.debug("the probe was answered with MsgId {}", msgId);
        });
    }

    private void reinitialise() {
        recovery.reinitialise().whenComplete((ignored, failure) -> {
            if (failure != null) {
                lock.lock();
                try {
                    stage = Stage.LOGGING_IN;
                } finally {
                    lock.unlock();
                }
                log.warn("webwxinit failed ({}); logging in afresh", Failures.describe(failure));
                logInAgain();
                return;
            }
            lock.lock();
            try {
                stage = Stage.VERIFYING;
                probeSentAt = clock.instant();
            } finally {
                lock.unlock();
            }
            step(Step.REINITIALISED, "the session was initialised again (webwxinit); probing once more");
            probe();
        });
    }

    private void logInAgain() {
        step(Step.RELOGIN_STARTED, "logging in afresh through the session's login path");
        recovery.logInAgain().whenComplete((ignored, failure) -> {
            if (failure != null) {
                withLock(() -> stage = Stage.GAVE_UP);
                String why = "the fresh login failed (" + Failures.describe(failure) + "); the session is ended";
                log.error("session recovery gave up: {}", why);
                raise.accept(new SessionRecovery(Step.GAVE_UP, why, clock.instant()));
                recovery.giveUp(why);
                return;
            }
            withLock(() -> {
                stage = Stage.WATCHING;
                signs.restart(clock.instant());
            });
            step(Step.RECOVERED, "the session delivers again after a fresh login");
        });
    }

    private void step(Step step, String explanation) {
        log.info("session recovery: {}", explanation);
        raise.accept(new SessionRecovery(step, explanation, clock.instant()));
    }

    /** Fruitless sync rounds in a row so far; for tests that wait for the loop to show a frozen key. */
    int fruitlessRounds() {
        lock.lock();
        try {
            return signs.fruitlessRounds();
        } finally {
            lock.unlock();
        }
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
