package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.message.MessageParser;
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
import java.util.Optional;
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
    private final MessageParser parser;
    private final Consumer<BotEvent> events;
    private final Delays delays;
    private final GroupFetcher groups;
    private final RecentMessageIds recent;
    private final Runnable onSynced;
    private final SentEchoes echoes;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final CompletableFuture<LoggedOut> ended = new CompletableFuture<>();
    private volatile boolean stopped;

    SyncLoop(SessionCalls calls, SessionState state, ContactBook contacts, GroupFetcher groups,
             RecentMessageIds recent, Consumer<BotEvent> events, Delays delays, Runnable onSynced,
             SentEchoes echoes) {
        this.echoes = echoes;
        this.calls = calls;
        this.pushHostsToProbe = new java.util.ArrayDeque<>(PushHosts.candidates(calls.hosts()));
        this.pushHostsToProbe.remove(calls.hosts().pushHost());
        this.recent = recent;
        this.onSynced = onSynced;
        this.groups = groups;
        this.state = state;
        this.contacts = contacts;
        this.parser = new MessageParser(contacts);
        this.events = events;
        this.delays = delays;
    }

    void start() {
        syncCheck();
    }

    /** Completes once the loop ended, with the reason. */
    CompletableFuture<LoggedOut> ended() {
        return ended;
    }

    /** Ends the loop after the step in flight; the session itself stays valid on the server. */
    void stop(LoggedOut.Reason reason) {
        stopped = true;
        ended.complete(new LoggedOut(reason, 0, Instant.now()));
    }

    private void syncCheck() {
        if (stopped) return;
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
                pushHostConfirmed = true;
                backoff.reset();
                syncCheck();
            } else {
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
        calls.sync(state.credentials(), state.syncKey()).whenComplete((result, failure) -> {
            if (failure != null) {
                if (Failures.cause(failure) instanceof ApiErrorException error && error.sessionOver()) {
                    end(error.ret());
                } else {
                    retryLater("webwxsync", failure);
                }
                return;
            }
            backoff.reset();
            apply(result).whenComplete((ignored, applyFailure) -> {
                if (applyFailure != null) log.warn("applying a sync failed: {}", Failures.describe(applyFailure));
                onSynced.run();
                if (Json.integer(result.body(), "ContinueFlag", 0) != 0) {
                    sync();
                } else {
                    syncCheck();
                }
            });
        });
    }

    /**
     * Takes in one sync: cursors first (so a crash cannot replay it), then contact changes, then fetches the groups
     * the messages come from that the session does not know yet, then hands the messages on in order.
     */
    private CompletableFuture<Void> apply(SessionCalls.SyncResult result) {
        state.advance(result.syncKey(), result.syncCheckKey(), result.skey());
        for (JsonNode deleted : result.delContactList()) {
            contacts.remove(Json.text(deleted, "UserName"));
        }
        for (JsonNode modified : result.modContactList()) {
            contacts.put(modified);
        }
        List<String> chats = new ArrayList<>();
        for (JsonNode message : result.addMsgList()) {
            echoes.observe(message, contacts.self().userName()); // may settle a send whose answer was lost
            chats.add(Json.text(message, "FromUserName"));
            chats.add(Json.text(message, "ToUserName"));
        }
        return groups.fetchUnknown(chats).thenRun(() -> {
            for (JsonNode message : result.addMsgList()) {
                deliver(message);
            }
        });
    }

    private void deliver(JsonNode message) {
        if (stopped) return; // stopping: the rest of this batch is not handed to plugins that are shutting down
        String msgId = Json.text(message, "MsgId");
        if (!recent.firstSighting(msgId)) {
            log.debug("message {} delivered again by the server; dropped", msgId);
            return;
        }
        Optional<MessageEvent> event;
        try {
            event = parser.parse(message);
        } catch (RuntimeException e) {
            log.warn("message {} (MsgType {}) could not be parsed and was skipped: {}", msgId,
                    Json.text(message, "MsgType"), e.toString());
            return;
        }
        event.ifPresent(events);
    }

    private void retryLater(String step, Throwable failure) {
        if (stopped) return;
        Duration wait = backoff.next();
        log.warn("{} failed ({}); retry {} in {} ms", step, Failures.describe(failure), backoff.failures(),
                wait.toMillis());
        delays.after(wait).thenRun(this::syncCheck);
    }

    private void end(int code) {
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
