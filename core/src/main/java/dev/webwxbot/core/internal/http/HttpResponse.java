package dev.webwxbot.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete response, whatever its status: 3xx, 4xx and 5xx are answers, not failures, and redirects are never
 * followed. The body is already decompressed. Immutable by convention (the {@code body} array is not copied on
 * access; do not modify it).
 */
public record HttpResponse(int status, HttpHeaderList headers, byte[] body) {

    public HttpResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The body decoded as UTF-8, which every Web WeChat text answer uses whatever its Content-Type says. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " B]";
    }
}
