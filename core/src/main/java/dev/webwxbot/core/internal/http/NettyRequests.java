package dev.webwxbot.core.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns an {@link HttpRequest} into the HTTP/1.1 message put on the wire. Stateless and thread-safe. */
final class NettyRequests {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private NettyRequests() {}

    /**
     * Header names are written capitalised as browsers write them (Netty's constants are lower case). Headers in
     * this order: {@code Host}, {@code Accept-Encoding}, {@code Connection}, {@code User-Agent},
     * {@code Cookie}, {@code Content-Length}, then the request's own; a request header with the name of one of the
     * first five replaces it. The body array is wrapped, not copied.
     *
     * @throws IllegalArgumentException when a header name or value is not valid on the wire (CR/LF injection)
     */
    static FullHttpRequest encode(HttpRequest request, Optional<String> cookieHeader, String defaultUserAgent) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        byte[] body = request.body();
        FullHttpRequest wire = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                target, body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        try {
            Set<String> overridden = new HashSet<>();
            for (Map.Entry<String, String> header : request.headers()) {
                overridden.add(header.getKey().toLowerCase(Locale.ROOT));
            }
            HttpHeaders headers = wire.headers();
            addUnlessOverridden(headers, overridden, "Host", hostHeader(uri));
            addUnlessOverridden(headers, overridden, "Accept-Encoding", "gzip, deflate");
            addUnlessOverridden(headers, overridden, "Connection", "keep-alive");
            addUnlessOverridden(headers, overridden, "User-Agent", defaultUserAgent);
            cookieHeader.ifPresent(cookies -> addUnlessOverridden(headers, overridden, "Cookie", cookies));
            if (body.length > 0 || BODY_METHODS.contains(request.method())) {
                headers.add("Content-Length", String.valueOf(body.length));
            }
            for (Map.Entry<String, String> header : request.headers()) {
                if (!HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(header.getKey())) {
                    headers.add(header.getKey(), header.getValue());
                }
            }
            return wire;
        } catch (RuntimeException e) {
            wire.release();
            throw e;
        }
    }

    /** The URI's host, plus the port only when it is not the scheme's default (as browsers send it). */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || (https && port == 443) || (!https && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static void addUnlessOverridden(HttpHeaders headers, Set<String> overridden, String name, String value) {
        if (!overridden.contains(name.toLowerCase(Locale.ROOT))) {
            headers.add(name, value);
        }
    }
}
