package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.http.FileResponse;
import dev.webwxbot.core.internal.http.HttpRequest;
import dev.webwxbot.core.internal.http.HttpResponse;
import dev.webwxbot.core.internal.http.HttpTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends one protocol request with the headers the official web page sends, through the shared transport and this
 * session's cookie jar. Thread-safe.
 */
public final class WxCaller {

    private static final String JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

    private final HttpTransport transport;
    private final CookieJar cookies;
    private final String referer;
    private final boolean desktopMode;

    public WxCaller(HttpTransport transport, CookieJar cookies, boolean desktopMode) {
        this.transport = transport;
        this.cookies = cookies;
        this.desktopMode = desktopMode;
        this.referer = desktopMode ? "https://wx.qq.com/?&lang=zh_CN&target=t" : "https://wx.qq.com/?lang=zh_CN";
    }

    public CookieJar cookies() {
        return cookies;
    }

    /** Whether the session logged in as the UOS desktop client (PROTOCOL.md 2.6); a few calls differ then. */
    boolean desktopMode() {
        return desktopMode;
    }

    CompletableFuture<HttpResponse> get(URI uri, Duration readTimeout) {
        return send(HttpRequest.get(uri).withReadTimeout(readTimeout));
    }

    CompletableFuture<HttpResponse> send(HttpRequest request) {
        return transport.execute(withBrowserHeaders(request), cookies);
    }

    /** Streams the answer to a GET into {@code file} (see {@link HttpTransport#download}). */
    CompletableFuture<FileResponse> download(HttpRequest request, Path file, long maxBytes) {
        return transport.download(withBrowserHeaders(request), cookies, file, maxBytes);
    }

    /** POSTs a JSON body and parses a JSON answer; a non-2xx status or a body that is not JSON fails the future. */
    CompletableFuture<JsonNode> postJson(String endpoint, URI uri, JsonNode body, Duration readTimeout) {
        return postJson(endpoint, uri, body, readTimeout, true);
    }

    /**
     * As {@link #postJson(String, URI, JsonNode, Duration)}; {@code replayable} false keeps the transport from
     * sending it a second time by itself (a message send: see {@link HttpRequest#replayable()}).
     */
    CompletableFuture<JsonNode> postJson(String endpoint, URI uri, JsonNode body, Duration readTimeout,
                                         boolean replayable) {
        HttpRequest request = HttpRequest.post(uri, JSON_CONTENT_TYPE, Json.write(body))
                .withHeader("Accept", "application/json, text/plain, */*")
                .withReadTimeout(readTimeout);
        return send(replayable ? request : request.notReplayable()).thenApply(response -> parseJson(endpoint, response));
    }

    /** GETs a JSON answer (webwxgetcontact). */
    CompletableFuture<JsonNode> getJson(String endpoint, URI uri, Duration readTimeout) {
        HttpRequest request = HttpRequest.get(uri)
                .withHeader("Accept", "application/json, text/plain, */*")
                .withReadTimeout(readTimeout);
        return send(request).thenApply(response -> parseJson(endpoint, response));
    }

    static JsonNode parseJson(String endpoint, HttpResponse response) {
        try {
            if (response.status() / 100 != 2) {
                throw new MalformedResponseException(endpoint + " answered HTTP " + response.status(),
                        response.status());
            }
            JsonNode node = Json.parse(response.body());
            if (!node.isObject()) throw new MalformedResponseException(endpoint + " answered a non-object body");
            return node;
        } catch (MalformedResponseException e) {
            throw new CompletionException(e);
        }
    }

    private HttpRequest withBrowserHeaders(HttpRequest request) {
        return request.withHeader("Referer", referer)
                .withHeader("Accept-Language", "zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7");
    }
}
