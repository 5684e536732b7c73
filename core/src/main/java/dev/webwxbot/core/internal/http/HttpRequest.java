package dev.webwxbot.core.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the protocol layer means it: the real URL (its host becomes the {@code Host} header and the
 * cookie domain, whatever socket ends up carrying it), extra headers in the order given, a body and how long to wait
 * for the answer. Immutable; the {@code body} array is not copied, so do not modify it after handing it over.
 *
 * @param headers     sent after the transport's own headers; one with the same name as a transport header
 *                    ({@code User-Agent}, {@code Accept-Encoding}, ...) replaces it, except {@code Content-Length},
 *                    which always comes from {@code body}
 * @param readTimeout the longest silence allowed while waiting for the response; a long poll sets it above the
 *                    server's hold time
 * @param replayable  whether the transport may send it again by itself after it was written, when a reused pooled
 *                    connection closed without a response byte (most likely closed by the server while idle). False
 *                    for calls that must not happen twice, such as sending a message: such a failure then reaches
 *                    the caller with {@link TransportException#requestWritten()} true.
 */
public record HttpRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                          Duration readTimeout, boolean replayable) {

    /** The read timeout of {@link #get} and {@link #post}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final byte[] NO_BODY = new byte[0];

    public HttpRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                       Duration readTimeout) {
        this(method, uri, headers, body, readTimeout, true);
    }

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(readTimeout, "readTimeout");
        method = method.toUpperCase(Locale.ROOT);
        if (method.isBlank()) {
            throw new IllegalArgumentException("method is blank");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URI: " + Redactor.redactUri(uri));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("URI has no host: " + Redactor.redactUri(uri));
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            copy.add(Map.entry(header.getKey(), header.getValue()));
        }
        headers = List.copyOf(copy);
    }

    public static HttpRequest get(URI uri) {
        return new HttpRequest("GET", uri, List.of(), NO_BODY, DEFAULT_READ_TIMEOUT);
    }

    public static HttpRequest post(URI uri, String contentType, byte[] body) {
        return new HttpRequest("POST", uri, List.of(Map.entry("Content-Type", contentType)), body,
                DEFAULT_READ_TIMEOUT);
    }

    /** A copy with one more header appended after the existing ones. */
    public HttpRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new HttpRequest(method, uri, more, body, readTimeout, replayable);
    }

    public HttpRequest withReadTimeout(Duration timeout) {
        return new HttpRequest(method, uri, headers, body, timeout, replayable);
    }

    /** A copy the transport never sends a second time once it was written (see {@code replayable}). */
    public HttpRequest notReplayable() {
        return new HttpRequest(method, uri, headers, body, readTimeout, false);
    }

    /** Method and redacted URL only: query secrets, cookies and the body stay out of logs and exception messages. */
    @Override
    public String toString() {
        return method + " " + Redactor.redactUri(uri);
    }
}
