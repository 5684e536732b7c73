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

    public TransportException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
