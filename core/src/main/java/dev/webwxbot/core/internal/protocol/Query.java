package dev.webwxbot.core.internal.protocol;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Builds {@code https://host/path?a=1&b=2} with every value percent-encoded once, as the official page does. */
final class Query {

    private final StringJoiner params = new StringJoiner("&");
    private final String base;

    private Query(String base) {
        this.base = base;
    }

    static Query of(String host, String path) {
        return new Query("https://" + host + path);
    }

    Query param(String name, Object value) {
        params.add(name + "=" + encode(String.valueOf(value)));
        return this;
    }

    URI uri() {
        return URI.create(params.length() == 0 ? base : base + "?" + params);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
