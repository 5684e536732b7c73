package dev.webwxbot.core.internal.http;

import dev.webwxbot.core.internal.http.TransportException.Kind;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps what Netty reports into a {@link TransportException} whose message names the request (redacted) and says what
 * happened in words. Stateless and thread-safe.
 */
final class Failures {

    private Failures() {}

    /** A failure while obtaining a connection from the pool (connect, TLS setup, waiting for a free slot). */
    static TransportException acquiring(HttpRequest request, OriginResolver.Endpoint endpoint, Throwable cause) {
        if (cause instanceof TransportException known) {
            return known;
        }
        if (cause instanceof TimeoutException) { // the pool's acquire timeout; a connect timeout is not one
            return new TransportException(Kind.TIMEOUT,
                    request + ": no pooled connection to " + endpoint.sniHost() + " became free in time", cause);
        }
        if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("closed")) {
            return new TransportException(Kind.CLOSED, request + ": the transport is closed", cause);
        }
        if (hasCause(cause, SSLException.class)) {
            return new TransportException(Kind.TLS, request + ": TLS failed: " + cause.getMessage(), cause);
        }
        if (hasCause(cause, UnknownHostException.class)) {
            return new TransportException(Kind.CONNECT, request + ": cannot resolve the host name "
                    + endpoint.address().getHostString() + ": " + rootMessage(cause), cause);
        }
        return new TransportException(Kind.CONNECT,
                request + ": cannot connect to " + endpoint.address() + ": " + cause, cause);
    }

    /**
     * A failure after the request was handed to a connection; {@code written} says whether the whole request had
     * been written (see {@link TransportException#requestWritten()}).
     */
    static TransportException exchanging(HttpRequest request, int maxResponseBytes, Throwable cause, boolean written) {
        if (cause instanceof TransportException known) {
            return known.requestWritten() == written ? known
                    : new TransportException(known.kind(), known.getMessage(), known.getCause(), written);
        }
        if (cause instanceof ReadTimeoutException) {
            return new TransportException(Kind.TIMEOUT,
                    request + ": no response within the read timeout of " + request.readTimeout().toMillis() + " ms",
                    cause, written);
        }
        if (hasCause(cause, TooLongHttpContentException.class) || isInflatedTooFar(cause)) {
            return new TransportException(Kind.TOO_LARGE,
                    request + ": response body larger than " + maxResponseBytes + " bytes", cause, written);
        }
        if (hasCause(cause, SSLException.class)) {
            return new TransportException(Kind.TLS, request + ": TLS failed: " + rootMessage(cause), cause, written);
        }
        if (cause instanceof ClosedChannelException || cause instanceof PrematureChannelClosureException) {
            return new TransportException(Kind.CLOSED, request + (written
                    ? ": connection closed before the response was complete"
                    : ": connection closed before the request was written"), cause, written);
        }
        if (cause instanceof TooLongFrameException || !(cause instanceof IOException)) {
            return new TransportException(Kind.PROTOCOL, request + ": malformed response: " + cause, cause, written);
        }
        return new TransportException(Kind.CLOSED, request + ": connection failed: " + cause.getMessage(), cause, written);
    }

    /**
     * The decompressor bounds each inflated buffer by the same limit and reports it only through the message; any
     * other decompression failure is corrupt data.
     */
    private static boolean isInflatedTooFar(Throwable cause) {
        return cause instanceof DecompressionException
                && String.valueOf(cause.getMessage()).contains("reached maximum size");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
