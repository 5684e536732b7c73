package dev.webwxbot.core;

import dev.webwxbot.api.event.LoginHeld;
import java.util.Objects;

/** The login-churn guard held a login back ({@link LoginGuard}); the cause of the start's {@link LoginFailedException}. */
public final class LoginHeldException extends Exception {

    private final transient LoginHeld event;

    public LoginHeldException(LoginHeld event) {
        super(Objects.requireNonNull(event, "event").explanation(), null, false, false);
        this.event = event;
    }

    /** Why, until when, and what the operator can do. */
    public LoginHeld event() {
        return event;
    }
}
