package dev.webwxbot.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete answer, independent of Netty: status, content type, extra headers and body.
 * {@code compressible} answers are gzip-encoded when the client accepts it (JSON and the login XML, as captured).
 */
record Reply(int status, String contentType, List<Map.Entry<String, String>> headers, byte[] body, boolean compressible) {

    static final String JAVASCRIPT = "text/javascript";
    static final String JSON = "text/plain";
    static final String XML = "text/plain;charset=utf-8";

    Reply {
        headers = List.copyOf(headers);
    }

    static Reply javascript(String body) {
        return new Reply(200, JAVASCRIPT, List.of(), utf8(body), false);
    }

    static Reply json(byte[] body) {
        return new Reply(200, JSON, List.of(), body, true);
    }

    static Reply xml(String body) {
        return new Reply(200, XML, List.of(), utf8(body), true);
    }

    static Reply html(int status, String body) {
        return new Reply(status, "text/html; charset=utf-8", List.of(), utf8(body), false);
    }

    static Reply binary(String contentType, byte[] body) {
        return new Reply(200, contentType, List.of(), body, false);
    }

    static Reply notFound() {
        return html(404, "<html><body><h1>404 Not Found</h1></body></html>");
    }

    Reply withStatus(int newStatus) {
        return new Reply(newStatus, contentType, headers, body, compressible);
    }

    Reply withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(status, contentType, more, body, compressible);
    }

    Reply withHeaders(List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.addAll(extra);
        return new Reply(status, contentType, more, body, compressible);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
