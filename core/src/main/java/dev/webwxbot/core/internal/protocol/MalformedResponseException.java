package dev.webwxbot.core.internal.protocol;

import java.io.IOException;

/** The server answered, but not in a form the protocol allows; the message says what was expected. */
public final class MalformedResponseException extends IOException {
    private final int httpStatus;

    public MalformedResponseException(String message) {
        this(message, 0);
    }

    /** @param httpStatus the HTTP status when it was not 2xx (what made the answer unusable), else 0 */
    public MalformedResponseException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of an answer refused for its status (not 2xx), or 0 when the body was the problem. */
    public int httpStatus() {
        return httpStatus;
    }
}
