package dev.webwxbot.core.internal.http;

import java.io.IOException;
import java.util.Objects;

/**
 * Why an exchange produced no HTTP response. A response with any status (404, 500, ...) is not a failure and never
 * becomes one of these. Immutable.
 */
public final class TransportException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely enough for a caller to decide between retrying and giving up. */
    public enum Kind {
        /** No connection could be opened (DNS, refused, connect timeout, too many waiting acquires). */
        CONNECT,
        /** No response byte within the request's read timeout, or no pooled connection became free in time. */
        TIMEOUT,
        /** The connection closed before a complete response arrived, or the transport itself is closed. */
        CLOSED,
        /** The response body exceeded the transport's {@code maxResponseBytes}. */
        TOO_LARGE,
        /** The TLS handshake failed (untrusted certificate, wrong host name, protocol mismatch). */
        TLS,
        /** The peer did not speak HTTP/1.1 as expected (malformed status line, headers or body encoding). */
        PROTOCOL
    }

    private final Kind kind;
    private final boolean requestWritten;

    /** A failure before the whole request was written: the server cannot have acted on it. */
    public TransportException(Kind kind, String message) {
        this(kind, message, null, false);
    }

    /** A failure before the whole request was written: the server cannot have acted on it. */
    public TransportException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, false);
    }

    public TransportException(Kind kind, String message, Throwable cause, boolean requestWritten) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.requestWritten = requestWritten;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the whole request had been written to the connection (Netty's write future succeeded) before the
     * failure. False means the server certainly never saw a complete request; true means it may have acted on it
     * even though no complete answer arrived (time-out, reset or truncated answer), so a non-idempotent call is
     * ambiguous. Written means handed to the operating system: a peer that reset the connection before reading
     * still counts as written when the bytes fit its buffers, which errs on the safe (ambiguous) side.
     */
    public boolean requestWritten() {
        return requestWritten;
    }
}
