package dev.webwxbot.launcher;

/**
 * A request to the daemon's API that did not succeed, with the one line to tell the operator (already cleaned for
 * the terminal where it quotes the network). The commands print it on stderr and exit with 1.
 */
final class ApiFailure extends RuntimeException {

    /** The HTTP status of the daemon's answer, or 0 when there was none. */
    private final int status;

    ApiFailure(String message) {
        this(message, 0);
    }

    ApiFailure(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
