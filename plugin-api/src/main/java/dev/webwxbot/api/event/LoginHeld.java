package dev.webwxbot.api.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The login-churn guard held a login back: the account logged in (or failed to) too often lately, and logging in
 * again now risks the account being frozen. The record of logins lives in the data folder, so a daemon restarted
 * in a loop sees it too.
 *
 * @param recentLogins how many logins (fresh or failed) the window holds
 * @param window the window counted over
 * @param retryAt when the next login may be tried; empty when the guard waits for the operator
 * @param explanation what happened and what the operator can do, in plain words
 * @param time when the login was held
 */
public record LoginHeld(int recentLogins, Duration window, Optional<Instant> retryAt, String explanation, Instant time)
        implements SafetyEvent {
    public LoginHeld {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }

    /** Whether the guard gave up retrying by itself and waits for the operator. */
    public boolean waitsForOperator() {
        return retryAt.isEmpty();
    }
}
