package dev.webwxbot.store;

/**
 * The store could not do what was asked. The message names the database (its file or its server) and says what to
 * do; {@link #reason()} lets a caller tell a damaged or locked database from one it cannot reach. Callers that
 * store as a side effect (the event chain) catch it, log it and carry on: a failing store never stops the bot.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the store failed. */
    public enum Reason {
        /** The database file is not a database or is damaged. */
        CORRUPT,
        /** Another program holds the database locked longer than the store waits. */
        LOCKED,
        /** The database cannot be opened or reached (missing folder, no permission, server down, credentials). */
        UNAVAILABLE,
        /** Anything else: a full disk, a bug, a failed migration. */
        FAILED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
