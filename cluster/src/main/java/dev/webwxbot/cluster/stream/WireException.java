package dev.webwxbot.cluster.stream;

/**
 * A value that could not be written to or read from the wire. Its message names the type and where in the entry
 * reading stopped, never the entry's text: entries hold chat messages, and this message reaches the logs. For the
 * same reason it carries no cause (Jackson's messages quote the input).
 */
final class WireException extends RuntimeException {

    WireException(String message) {
        super(message);
    }
}
