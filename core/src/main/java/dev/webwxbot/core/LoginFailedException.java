package dev.webwxbot.core;

/** Logging in did not succeed; the message says why in words an operator can act on. */
public final class LoginFailedException extends Exception {
    public LoginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
