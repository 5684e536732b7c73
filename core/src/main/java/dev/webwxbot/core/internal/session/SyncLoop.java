package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.contact.ContactEvents;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.PushHosts;
import dev.webwxbot.core.internal.protocol.RetCodes;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.send.SentEchoes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive loop of PROTOCOL.md 4.4: synccheck (a long poll), and webwxsync whenever the selector is not 0,
 * keeping SyncKey and SyncCheckKey as the official page does (4.3). Network errors are retried with backoff; a
 * session-over code ends the loop with a {@link LoggedOut}. Steps run one after another, each started by the
 * completion of the last, so one loop never holds a thread.
 */
final class SyncLoop {

    private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

    /** Replaced only while probing push hosts, before the first good synccheck. */
    private volatile SessionCalls calls;
    /** Push hosts still to try if synccheck answers 1100 before it ever answered 0 (PROTOCOL.md 1.4). */
    private final java.util.Deque<String> pushHostsToProbe;
    private volatile boolean pushHostConfirmed;
    private final SessionState state;
    private final ContactBook contacts;
    private final Delays delays;
    private final GroupFetcher groups;
    private final Intake intake;
    private final Runnable onSynced;
    /** Derives the contact and group events of each sync; they go to {@link #raise}. */
    private final ContactEvents contactEvents;
    private final Consumer<? super ContactEvent> raise;
    /**
     * Until the first webwxsync after login has caught up: that one may replay the state the login just loaded, so
     * its contact changes are applied without raising events.
     */
    private volatile boolean firstSync = true;
    /** Completes when the first webwxsync after login has caught up (the status-notify list is then known). */
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    /**
     * Sees every received message before it is journaled (the echoes of sends whose answer was lost), and hears
     * when the loop has caught up with the server (so such a send without an echo was not taken).
     */
    private final SentEchoes echoes;
    /**
     * A lone failed poll is retried within a quarter second (a network blip must not stop receiving, and answering,
     * for a second); failures in a row back off up to half a minute.
     */
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private final CompletableFuture<LoggedOut> ended = new CompletableFuture<>();
    /** Told of each failed round and of the first good one after; guarded by the engine (never throws). */
    private final SessionMonitor monitor;
    /** A round failed and none has succeeded since. Steps of one loop never overlap: no lock needed. */
    private volatile boolean failing;
    private volatile boolean stopped;
    /** Draining: polls go on for echoes, nothing is taken in (see {@link #peekOnly}). */
    private volatile boolean peeking;
    static final Duration PEEK_GAP = Duration.ofMillis(300);
    /**
     * The pause before polling again after a second fruitless round in a row (news announced, nothing brought, the
     * key unchanged): a server in that state answers every poll at once, and the loop must not spin on it.
     */
    static final Duration FRUITLESS_PAUSE = Duration.ofSeconds(1);
    /** Told what each round saw; finds a session that stopped delivering. */
    private final Watchdog watchdog;
    /** Fruitless rounds in a row; steps of one loop never overlap. */
    private volatile int fruitless;

    SyncLoop(SessionCalls calls, SessionState state, ContactBook contacts, GroupFetcher groups, Intake intake,
             Delays delays, Runnable onSynced, SentEchoes echoes, SessionMonitor monitor, ContactEvents contactEvents,
             Consumer<? super ContactEvent> raise, Watchdog watchdog) {
        this.watchdog = watchdog;
        this.contactEvents = contactEvents;
        this.raise = raise;
        this.echoes = echoes;
        this.monitor = monitor;
        this.calls = calls;
        this.pushHostsToProbe = new java.util.ArrayDeque<>(PushHosts.candidates(calls.hosts()));
        this.pushHostsToProbe.remove(calls.hosts().pushHost());
        this.intake = intake;
        this.onSynced = onSynced;
        this.groups = groups;
        this.state = state;
        this.contacts = contacts;
        this.delays = delays;
    }

    void start() {
        syncCheck();
    }

    /** Completes once the first sync after login has taken in everything the server held; never if it ends first. */
    CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** Completes once the loop ended, with the reason. */
    CompletableFuture<LoggedOut> ended() {
        return ended;
    }

    /**
     * Stops fetching: no request is made after the one in flight, whose answer is not taken in (so the cursor
     * stays before it and the server delivers it again next time). The session stays valid on the server, and the
     * loop counts as running until {@link #stop}: what was taken in may still be handled and answered.
     */
    void halt() {
        stopped = true;
    }

    /**
     * Stops taking messages in, but keeps looking (a stop's drain): answers still in flight may need the echo of a
     * send whose answer was lost to settle, and only polling shows it. Each look reads what the server holds from
     * the unchanged cursor, reports echoes and catching up, and takes nothing in: the server keeps it all for the
     * next start. Looks are spaced by {@link #PEEK_GAP}, since a poll from an old cursor answers at once.
     */
    void peekOnly() {
        peeking = true;
    }

    /** Halts, and ends the loop with {@code reason}. */
    void stop(LoggedOut.Reason reason) {
        halt();
        ended.complete(new LoggedOut(reason, 0, Instant.now()));
    }

    private void syncCheck() {
        if (stopped) return;
        long startedAt = System.nanoTime();
        calls.syncCheck(state.credentials(), state.syncCheckKeyOrSyncKey()).whenComplete((check, failure) -> {
            if (failure != null) {
                retryLater("synccheck", failure);
            } else if (check.retcode() == RetCodes.SESSION_GONE && !pushHostConfirmed && !pushHostsToProbe.isEmpty()) {
                probeNextPushHost();
            } else if (check.retcode() != RetCodes.OK) {
                if (RetCodes.isSessionOver(check.retcode())) {
                    end(check.retcode());
                } else {
                    retryLater("synccheck", new IllegalStateException("retcode " + check.retcode()));
                }
            } else if (check.selector() == 0) {
                watchdog.polled(0);
                pushHostConfirmed = true;
                backoff.reset();
                roundSucceeded();
                echoes.caughtUp(startedAt); // nothing came since the poll began: no echo is on its way
                syncCheck();
            } else {
                watchdog.polled(check.selector());
                pushHostConfirmed = true;
                sync();
            }
        });
    }

    /** "1100 right after login" is also what a wrong push host answers: try the next one before giving up. */
    private void probeNextPushHost() {
        String next = pushHostsToProbe.poll();
        log.info("synccheck on {} answered 1100 before any good answer; probing push host {}",
                calls.hosts().pushHost(), next);
        calls = calls.withPushHost(next);
        syncCheck();
    }

    private void sync() {
        if (stopped) return;
        long startedAt = System.nanoTime();
        var presented = state.syncKey();
        calls.sync(state.credentials(), presented).whenComplete((result, failure) -> {
            if (failure != null) {
                if (Failures.cause(failure) instanceof ApiErrorException error && error.sessionOver()) {
                    end(error.ret());
                } else {
                    retryLater("webwxsync", failure);
                }
                return;
            }
            if (stopped) return; // stopping: not taken in, so the cursor stays and the server keeps these
            backoff.reset();
            if (peeking) {
                peek(result, startedAt);
                return;
            }
            apply(result).whenComplete((ignored, applyFailure) -> {
                if (applyFailure != null) {
                    // The cursor did not move: the same messages come again on the retry.
                    retryLater("taking in a sync", applyFailure);
                    return;
                }
                onSynced.run();
                roundSucceeded();
                boolean brought = !result.addMsgList().isEmpty() || !result.modContactList().isEmpty()
                        || !result.delContactList().isEmpty();
                boolean keyMoved = !result.syncKey().isEmpty() && !result.syncKey().equals(presented);
                watchdog.synced(brought, keyMoved);
                fruitless = brought || keyMoved ? 0 : fruitless + 1;
                boolean more = Json.integer(result.body(), "ContinueFlag", 0) != 0;
                if (!more) {
                    echoes.caughtUp(startedAt); // everything the server held when it began was in it
                    firstSync = false;
                    caughtUp.complete(null);
                }
                if (fruitless >= 2) {
                    delays.after(FRUITLESS_PAUSE).thenRun(this::syncCheck);
                } else if (more) {
                    sync();
                } else {
                    syncCheck();
                }
            });
        });
    }

    /** A look while draining: echoes and catching up are reported, nothing is taken in, the cursor stays. */
    private void peek(SessionCalls.SyncResult result, long startedAt) {
        roundSucceeded();
        String self = contacts.self().userName();
        for (JsonNode message : result.addMsgList()) {
            if (message.isObject()) echoes.observe(message, self);
        }
        if (Json.integer(result.body(), "ContinueFlag", 0) == 0) echoes.caughtUp(startedAt);
        delays.after(PEEK_GAP).thenRun(this::syncCheck);
    }

    /**
     * Takes in one sync: contact changes, whose events are raised at once (before the grey lines of the same
     * answer reach plugins as messages), then the groups the messages come from that the session does not know
     * yet, then the messages, which the intake journals before anything else; only then do the cursors move past
     * them (PROTOCOL.md 4.3), so a crash at any point loses nothing: either the journal has the messages or the
     * saved cursor still asks the server for them.
     */
    private CompletableFuture<Void> apply(SessionCalls.SyncResult result) {
        for (ContactEvent event : contactEvents.take(result.delContactList(), result.modContactList(),
                result.addMsgList(), !firstSync)) {
            raise.accept(event);
        }
        List<String> chats = new ArrayList<>();
        List<JsonNode> messages = new ArrayList<>();
        int delivered = 0;
        for (JsonNode message : result.addMsgList()) {
            if (!message.isObject()) continue; // not a message at all: nothing to hand on or to journal
            // Before journaling: the echo of a send whose answer was lost settles that send (PROTOCOL.md 9.7).
            echoes.observe(message, contacts.self().userName());
            delivered++;
            if (watchdog.probeEcho(message, contacts.self().userName())) continue; // the watchdog's own: not for plugins
            messages.add(message);
            chats.add(Json.text(message, "FromUserName"));
            chats.add(Json.text(message, "ToUserName"));
        }
        watchdog.delivered(delivered);
        return groups.fetchUnknown(chats)
                .thenCompose(ignored -> intake.take(messages))
                .thenRun(() -> state.advance(result.syncKey(), result.syncCheckKey(), result.skey()));
    }

    /**
     * A round ended well: after failures, the loop is back. A webwxsync counts once what it brought is taken in,
     * not when it answers: a round that fails taking in is still a failed round.
     */
    private void roundSucceeded() {
        if (failing) {
            failing = false;
            monitor.syncRecovered();
        }
    }

    private void retryLater(String step, Throwable failure) {
        if (stopped) return;
        failing = true;
        monitor.syncFailed(Failures.cause(failure));
        Duration wait = backoff.next();
        log.warn("{} failed ({}); retry {} in {} ms", step, Failures.describe(failure), backoff.failures(),
                wait.toMillis());
        delays.after(wait).thenRun(this::syncCheck);
    }

    private void end(int code) {
        if (stopped) return; // halted (a stop, or the watchdog's fresh login that replaces this session): not news
        stopped = true;
        LoggedOut.Reason reason = switch (code) {
            case RetCodes.SESSION_GONE -> LoggedOut.Reason.LOGGED_OUT_ON_PHONE;
            case RetCodes.SESSION_INVALID -> LoggedOut.Reason.SESSION_INVALID;
            case RetCodes.COOKIES_INVALID -> LoggedOut.Reason.COOKIES_INVALID;
            default -> LoggedOut.Reason.OTHER;
        };
        log.info("session ended by the server: {} ({})", code, RetCodes.describe(code));
        ended.complete(new LoggedOut(reason, code, Instant.now()));
    }
}
