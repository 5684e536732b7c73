package dev.webwxbot.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The session ended; no more events follow on it.
 *
 * @param reason why, as far as the protocol tells
 * @param code the protocol's code ({@code retcode} or {@code Ret}), or 0 when none applies
 * @param time when the end was noticed
 */
public record LoggedOut(Reason reason, int code, Instant time) implements SessionEvent {
    public LoggedOut {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }

    /** Why a session ends. */
    public enum Reason {
        /** Logged out from the phone, or the session no longer exists (1100). */
        LOGGED_OUT_ON_PHONE,
        /** Another web or desktop login of the same account took over, or the session expired (1101). */
        SESSION_INVALID,
        /** The server rejected the session's cookies (1102). */
        COOKIES_INVALID,
        /** This program asked to log out. */
        LOGGED_OUT_BY_CLIENT,
        /** The server could not be reached for too long. */
        NETWORK,
        /** Any other code. */
        OTHER
    }
}
