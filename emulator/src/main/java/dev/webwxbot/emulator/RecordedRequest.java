package dev.webwxbot.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request the emulator received, kept for inspection. Immutable and thread-safe.
 *
 * @param method  the HTTP method
 * @param host    the {@code Host} header without port, lower case
 * @param path    the path without the query
 * @param query   query parameters, percent-decoded once, in order, repeated names kept
 * @param headers request headers, names case-insensitive, values in order
 * @param cookies cookies from the {@code Cookie} header (first value per name)
 * @param body    the raw body (a copy is returned); empty for a {@code multipart/form-data} body, whose
 *                content is in {@code parts}
 * @param parts   the parts of a {@code multipart/form-data} body in order (empty for other bodies)
 */
public record RecordedRequest(String method, String host, String path, Map<String, List<String>> query,
                              Map<String, List<String>> headers, Map<String, String> cookies, byte[] body,
                              List<FormPart> parts) {

    public RecordedRequest {
        query = copyOf(query, false);
        headers = copyOf(headers, true);
        cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
        body = body.clone();
        parts = List.copyOf(parts);
    }

    /** A request without form parts. */
    public RecordedRequest(String method, String host, String path, Map<String, List<String>> query,
                           Map<String, List<String>> headers, Map<String, String> cookies, byte[] body) {
        this(method, host, path, query, headers, cookies, body, List.of());
    }

    /** The first form part named {@code name}, or {@code null}. */
    public FormPart part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst().orElse(null);
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> source, boolean caseInsensitive) {
        Map<String, List<String>> copy = caseInsensitive ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new LinkedHashMap<>();
        source.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes (without copying it). */
    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The first value of a header (case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public String toString() {
        return method + " " + host + path + " (" + body.length + " body bytes)";
    }
}
