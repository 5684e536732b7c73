package dev.webwxbot.core.internal.protocol;

import java.io.IOException;

/** The server answered, but not in a form the protocol allows; the message says what was expected. */
public final class MalformedResponseException extends IOException {
    public MalformedResponseException(String message) {
        super(message);
    }
}
