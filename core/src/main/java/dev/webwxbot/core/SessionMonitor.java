package dev.webwxbot.core;

import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.SendReceipt;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Told what a session's sending and receiving go through, for metrics and an account's state: every outgoing
 * message's outcome, every "too fast" signal, and the sync loop failing and recovering. Set it with
 * {@link SessionOptions#withMonitor}; the default does nothing.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.defaults().withMonitor(new SessionMonitor() {
 *     public void syncFailed(Throwable cause) { state.set("RECONNECTING"); }
 *     public void syncRecovered() { state.set("ONLINE"); }
 * });
 * }</pre>
 *
 * <p>Called on network threads and with the session's bookkeeping under way: implementations must be thread-safe
 * and return at once (count, set a flag; never block or call back into the session). One that throws is logged
 * and otherwise ignored.
 */
public interface SessionMonitor {

    /** Does nothing: the default of {@link SessionOptions}. */
    SessionMonitor NONE = new SessionMonitor() { };

    /**
     * One outgoing message reached its final outcome, once per message whatever the retries.
     *
     * @param kind {@code text}, {@code image}, {@code video}, {@code file}, {@code emoticon} or {@code revoke}; a
     *     forward counts as what it sends, which adds {@code location} and {@code card}, and as {@code forward} when
     *     its kind cannot be forwarded
     * @param latency from the send being asked for to its outcome, retries and pauses included
     * @param failure why it was not sent; empty when it was
     */
    default void sent(String kind, Duration latency, Optional<FailureReason> failure) {
    }

    /**
     * The server said the session sends too fast: a {@code Ret 1205} answer to a call, or a "too frequent" notice
     * in the message stream. Sending pauses and slows down after each.
     */
    default void throttled() {
    }

    /**
     * A round of the receive loop (synccheck, or webwxsync and taking in what it brought) failed; the loop backs
     * off and tries again. Called for every failed round, so several may come before a recovery.
     */
    default void syncFailed(Throwable cause) {
    }

    /**
     * A round of the receive loop succeeded after one or more failed: between {@link #syncFailed} and this the
     * session was reconnecting. Core has no reconnect distinct from this (the session is never re-established
     * behind the caller's back: each retry is a new poll on the same session), so this is also the "reconnected"
     * signal.
     */
    default void syncRecovered() {
    }

    /**
     * A send an earlier run left unsettled (a crash or a stop cut it off) was settled by this run: found delivered
     * by its echo, sent now, refused, or given up because the session it was for ended. Called once per send.
     *
     * @param clientId the send's client id ({@code LocalID}), as {@link IdentifiedSends#nextClientId} gave it
     */
    default void leftoverSettled(String clientId, SendReceipt receipt) {
    }

    /** A monitor that tells each of {@code monitors} in turn (one that throws does not keep the others from it). */
    static SessionMonitor all(SessionMonitor... monitors) {
        List<SessionMonitor> each = List.of(monitors);
        return new SessionMonitor() {
            @Override
            public void sent(String kind, Duration latency, Optional<FailureReason> failure) {
                each.forEach(m -> Monitors.quietly(() -> m.sent(kind, latency, failure)));
            }

            @Override
            public void throttled() {
                each.forEach(m -> Monitors.quietly(m::throttled));
            }

            @Override
            public void syncFailed(Throwable cause) {
                each.forEach(m -> Monitors.quietly(() -> m.syncFailed(cause)));
            }

            @Override
            public void syncRecovered() {
                each.forEach(m -> Monitors.quietly(m::syncRecovered));
            }

            @Override
            public void leftoverSettled(String clientId, SendReceipt receipt) {
                each.forEach(m -> Monitors.quietly(() -> m.leftoverSettled(clientId, receipt)));
            }
        };
    }
}
