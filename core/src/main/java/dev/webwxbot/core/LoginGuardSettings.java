package dev.webwxbot.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The login-churn guard's limits ({@link LoginGuard}). Immutable; start from {@link #defaults()}.
 *
 * <p>A <em>fresh</em> login is one that reaches the login endpoints: a pushed prompt on the phone, a QR code, or
 * the push-then-QR sequence of one start (counted once). A <em>resume</em> carries on the saved session with the
 * credentials the server already issued (webwxinit only, no QR code, no prompt on the phone): it counts less, see
 * {@code maxResumes}.
 *
 * @param enabled false to log in whenever asked (nothing is recorded or held)
 * @param window the sliding window the two ceilings count over
 * @param maxFreshLogins fresh logins the window may hold; the next waits until the oldest leaves the window
 * @param maxResumes resumes the window may hold (4 times the fresh logins by default): a resume touches no login
 *     endpoint and shows nothing on the phone, so it is cheaper, but a crash loop that resumes every few seconds is
 *     still held
 * @param backoffBase after {@code k} failed fresh logins in a row the next waits {@code backoffBase × 2^(k-1)}
 * @param backoffCap the longest such wait
 * @param giveUpAfter failed or held logins in a row (since the last that came online, or the last reset) after which
 *     the guard stops trying and waits for the operator
 */
public record LoginGuardSettings(boolean enabled, Duration window, int maxFreshLogins, int maxResumes,
                                 Duration backoffBase, Duration backoffCap, int giveUpAfter) {

    public LoginGuardSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        if (!window.isPositive()) throw new IllegalArgumentException("window must be positive");
        if (maxFreshLogins < 1) throw new IllegalArgumentException("max-fresh-logins must be at least 1");
        if (maxResumes < 1) throw new IllegalArgumentException("max-resumes must be at least 1");
        if (backoffBase.isNegative()) throw new IllegalArgumentException("backoff-base must not be negative");
        if (backoffCap.compareTo(backoffBase) < 0) throw new IllegalArgumentException("backoff-cap must be at least backoff-base");
        if (giveUpAfter < 1) throw new IllegalArgumentException("give-up-after must be at least 1");
    }

    /** 5 fresh logins and 20 resumes an hour; failures back off from 1 minute to 30; 6 in a row wait for the operator. */
    public static LoginGuardSettings defaults() {
        return new LoginGuardSettings(true, Duration.ofHours(1), 5, 20, Duration.ofMinutes(1), Duration.ofMinutes(30), 6);
    }

    /** Turned off: every login goes ahead. */
    public static LoginGuardSettings off() {
        LoginGuardSettings d = defaults();
        return new LoginGuardSettings(false, d.window, d.maxFreshLogins, d.maxResumes, d.backoffBase, d.backoffCap,
                d.giveUpAfter);
    }
}
