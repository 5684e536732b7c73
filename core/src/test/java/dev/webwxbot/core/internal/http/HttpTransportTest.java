package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.http.LocalHttpServer.Recorded;
import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import dev.webwxbot.testsupport.Await;
import io.netty.channel.Channel;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpTransportTest {

    private static final URI WEBWXINIT = URI.create(
            "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?r=-1234&lang=zh_CN&pass_ticket=abc%252B");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CookieJar cookies = new CookieJar();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private LocalHttpServer server(Function<Recorded, Reply> responder) {
        LocalHttpServer server = LocalHttpServer.start(responder);
        toClose.add(server);
        return server;
    }

    private HttpTransport transportTo(LocalHttpServer server) {
        return transport(HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())));
    }

    private HttpTransport transport(HttpTransport.Builder builder) {
        HttpTransport transport = builder.build();
        toClose.add(transport);
        return transport;
    }

    private static HttpResponse await(CompletableFuture<HttpResponse> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static TransportException failureOf(CompletableFuture<HttpResponse> future) {
        CompletionException thrown = assertThrows(CompletionException.class,
                () -> future.orTimeout(10, TimeUnit.SECONDS).join());
        return assertInstanceOf(TransportException.class, thrown.getCause());
    }

    @Test
    void fixedResolverKeepsTheLogicalHostAndRequestTarget() {
        LocalHttpServer server = server(request -> Reply.ok("{}"));
        HttpTransport transport = transportTo(server);

        HttpResponse response = await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals(200, response.status());
        Recorded seen = server.lastRequest();
        assertEquals("wx.qq.com", seen.header("Host"));
        assertEquals("/cgi-bin/mmwebwx-bin/webwxinit?r=-1234&lang=zh_CN&pass_ticket=abc%252B", seen.uri());
    }

    @Test
    void hostHeaderCarriesOnlyANonDefaultPort() {
        LocalHttpServer server = server(request -> Reply.ok(""));
        HttpTransport transport = transportTo(server);

        await(transport.execute(HttpRequest.get(URI.create("https://wx.qq.com:8443/a")), cookies));
        assertEquals("wx.qq.com:8443", server.lastRequest().header("Host"));
        await(transport.execute(HttpRequest.get(URI.create("https://wx.qq.com:443/a")), cookies));
        assertEquals("wx.qq.com", server.lastRequest().header("Host"));
    }

    @Test
    void transportHeadersComeFirstThenTheRequestHeadersInOrder() {
        LocalHttpServer server = server(request -> Reply.ok(""));
        HttpTransport transport = transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(server.uri())).userAgent("TestAgent/1"));
        cookies.put(new CookieJar.StoredCookie("wxuin", "42", "wx.qq.com", false, "/", true, false, null,
                Instant.now()));
        byte[] body = "{\"BaseRequest\":{}}".getBytes(StandardCharsets.UTF_8);

        await(transport.execute(HttpRequest.post(WEBWXINIT, "application/json;charset=UTF-8", body)
                .withHeader("Referer", "https://wx.qq.com/")
                .withHeader("Accept-Language", "zh-CN"), cookies));

        Recorded seen = server.lastRequest();
        List<String> names = seen.headers().asList().stream().map(Map.Entry::getKey).toList();
        assertEquals(List.of("Host", "Accept-Encoding", "Connection", "User-Agent", "Cookie", "Content-Length",
                "Content-Type", "Referer", "Accept-Language"), names);
        assertEquals("gzip, deflate", seen.header("Accept-Encoding"));
        assertEquals("keep-alive", seen.header("Connection"));
        assertEquals("TestAgent/1", seen.header("User-Agent"));
        assertEquals("wxuin=42", seen.header("Cookie"));
        assertEquals(String.valueOf(body.length), seen.header("Content-Length"));
        assertEquals("POST", seen.method());
        assertArrayEquals(body, seen.body());
    }

    @Test
    void aUserAgentSetOnTheRequestReplacesTheDefault() {
        LocalHttpServer server = server(request -> Reply.ok(""));
        HttpTransport transport = transportTo(server);

        await(transport.execute(HttpRequest.get(WEBWXINIT).withHeader("User-Agent", "Mine/2"), cookies));

        assertEquals(List.of("Mine/2"), server.lastRequest().headers().all("User-Agent"));
    }

    @Test
    void gzipBodyIsDecoded() {
        String json = "{\"BaseResponse\":{\"Ret\":0,\"ErrMsg\":\"\"}}".repeat(50);
        LocalHttpServer server = server(request -> Reply.ok(json).gzipped());
        HttpTransport transport = transportTo(server);

        HttpResponse response = await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals(json, response.bodyText());
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() {
        LocalHttpServer server = server(request -> Reply.ok("ok"));
        HttpTransport transport = transportTo(server);

        for (int i = 0; i < 10; i++) {
            assertEquals("ok", await(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).bodyText());
        }

        assertEquals(10, server.requests().size());
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void readTimeoutFailsWithTimeoutAndTheNextRequestStillWorks() {
        // Never answered within the test, and the default read timeout (30 s) outlasts failureOf's patience (10 s):
        // a TIMEOUT failure can only come from the request's own 200 ms.
        LocalHttpServer server = server(request -> request.uri().startsWith("/slow")
                ? Reply.ok("late").withDelay(Duration.ofMinutes(10)) : Reply.ok("fast"));
        HttpTransport transport = transportTo(server);

        TransportException failure = failureOf(transport.execute(
                HttpRequest.get(URI.create("https://wx.qq.com/slow")).withReadTimeout(Duration.ofMillis(200)),
                cookies));

        assertEquals(TransportException.Kind.TIMEOUT, failure.kind());
        assertEquals("fast", await(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).bodyText());
    }

    @Test
    void aPooledConnectionKeepsNoReadTimeoutWhileIdle() throws Exception {
        LocalHttpServer server = server(request -> Reply.ok("ok"));
        HttpTransport transport = transportTo(server);
        HttpRequest shortTimeout = HttpRequest.get(WEBWXINIT).withReadTimeout(Duration.ofMillis(100));

        await(transport.execute(shortTimeout, cookies));
        // The exchange's watchdog is gone from the idle connection's pipeline before its future completes, so no
        // timer can close it while it waits in the pool (looked at on its event loop, which owns the pipeline).
        Channel idle = transport.openChannels().iterator().next();
        assertNull(idle.eventLoop().submit(() -> idle.pipeline().get(HttpPipeline.READ_TIMEOUT)).get(10, TimeUnit.SECONDS));
        await(transport.execute(shortTimeout, cookies));

        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedTransparently() {
        LocalHttpServer server = server(request -> Reply.ok("ok"));
        HttpTransport transport = transportTo(server);
        await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        server.closeAllConnections();
        Await.until(() -> transport.openChannels().isEmpty(), "the client noticed the server closed its connection");

        assertEquals("ok", await(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).bodyText());
        assertEquals(2, server.connectionsAccepted());
    }

    @Test
    void aReusedConnectionDroppedBeforeAnsweringIsRetriedOnceOnAFreshOne() {
        // The server drops every second request on a connection: what a client sees when its request races the
        // server's idle close.
        LocalHttpServer server = server(request -> request.indexOnConnection() == 2
                ? Reply.dropConnection() : Reply.ok("ok"));
        HttpTransport transport = transportTo(server);
        await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        HttpResponse response = await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals("ok", response.bodyText());
        assertEquals(3, server.requests().size());
        assertEquals(2, server.connectionsAccepted());
        assertEquals(1, server.lastRequest().indexOnConnection());
    }

    @Test
    void aFreshConnectionDroppedBeforeAnsweringFailsWithoutRetry() {
        LocalHttpServer server = server(request -> Reply.dropConnection());
        HttpTransport transport = transportTo(server);

        TransportException failure = failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals(TransportException.Kind.CLOSED, failure.kind());
        assertEquals(1, server.requests().size());
    }

    @Test
    void aResponseWithConnectionCloseIsNotPooled() {
        LocalHttpServer server = server(request -> Reply.ok("bye").withHeader("Connection", "close"));
        HttpTransport transport = transportTo(server);

        await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));
        await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals(2, server.connectionsAccepted());
        assertEquals(1, server.lastRequest().indexOnConnection());
    }

    @Test
    void redirectIsReturnedNotFollowedAndItsCookiesAreSentOnTheNextRequest() {
        LocalHttpServer server = server(request -> request.uri().startsWith("/cgi-bin/mmwebwx-bin/webwxnewloginpage")
                ? Reply.status(301, "<error><ret>0</ret></error>")
                        .withHeader("Location", "https://wx2.qq.com/")
                        .withHeader("Set-Cookie", "wxuin=176666155; Domain=wx.qq.com; Path=/; Max-Age=3600; Secure")
                        .withHeader("Set-Cookie", "webwx_data_ticket=gSeh; Domain=.qq.com; Path=/; Secure")
                : Reply.ok("{}"));
        HttpTransport transport = transportTo(server);

        HttpResponse redirect = await(transport.execute(HttpRequest.get(
                URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=x&uuid=y")), cookies));
        assertEquals(301, redirect.status());
        assertEquals("<error><ret>0</ret></error>", redirect.bodyText());
        assertEquals(1, server.requests().size());

        await(transport.execute(HttpRequest.get(URI.create("https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck")),
                cookies));
        assertEquals("wxuin=176666155; webwx_data_ticket=gSeh", server.lastRequest().header("Cookie"));
        assertEquals("webpush.wx.qq.com", server.lastRequest().header("Host"));
    }

    @Test
    void serverErrorIsAResponseNotAFailure() {
        LocalHttpServer server = server(request -> Reply.status(500, "oops")
                .withHeader("Set-Cookie", "mm_lang=zh_CN; Path=/"));
        HttpTransport transport = transportTo(server);

        HttpResponse response = await(transport.execute(HttpRequest.get(WEBWXINIT), cookies));

        assertEquals(500, response.status());
        assertEquals("oops", response.bodyText());
        assertEquals(Optional.of("zh_CN"), cookies.value("mm_lang", "wx.qq.com"));
    }

    @Test
    void bodyOverTheLimitFailsWithTooLarge() {
        LocalHttpServer server = server(request -> Reply.bytes(new byte[4096]));
        HttpTransport transport = transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(server.uri())).maxResponseBytes(1024));

        assertEquals(TransportException.Kind.TOO_LARGE,
                failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).kind());
        assertEquals(TransportException.Kind.TOO_LARGE,
                failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).kind(), "second try, new connection");
    }

    @Test
    void gzipBodyThatInflatesOverTheLimitFailsWithTooLarge() {
        LocalHttpServer server = server(request -> Reply.bytes(new byte[4 * 1024 * 1024]).gzipped());
        HttpTransport transport = transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(server.uri())).maxResponseBytes(64 * 1024));

        assertEquals(TransportException.Kind.TOO_LARGE,
                failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).kind());
    }

    @Test
    void concurrentRequestsShareAtMostMaxConnectionsPerOrigin() {
        LocalHttpServer server = server(request -> Reply.ok(request.uri()).withDelay(Duration.ofMillis(5)));
        HttpTransport transport = transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(server.uri())).maxConnectionsPerOrigin(8));

        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(transport.execute(HttpRequest.get(URI.create("https://wx.qq.com/n/" + i)), cookies));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("/n/" + i, await(futures.get(i)).bodyText());
        }

        assertEquals(200, server.requests().size());
        assertTrue(server.connectionsAccepted() <= 8, server.connectionsAccepted() + " connections");
        assertTrue(server.connectionsAccepted() > 1, "requests were not concurrent");
    }

    @Test
    void eachLogicalHostGetsItsOwnConnections() {
        LocalHttpServer server = server(request -> Reply.ok(request.header("Host")));
        HttpTransport transport = transportTo(server);

        assertEquals("wx.qq.com", await(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).bodyText());
        assertEquals("webpush.wx.qq.com", await(transport.execute(
                HttpRequest.get(URI.create("https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck")), cookies))
                .bodyText());

        assertEquals(2, server.connectionsAccepted());
    }

    @Test
    void refusedConnectionFailsWithConnect() throws Exception {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        HttpTransport transport = transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(URI.create("http://127.0.0.1:" + unusedPort))));

        assertEquals(TransportException.Kind.CONNECT,
                failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).kind());
    }

    @Test
    void aClosedTransportFailsRequestsWithClosed() {
        LocalHttpServer server = server(request -> Reply.ok("ok"));
        HttpTransport transport = transportTo(server);
        transport.close();

        assertEquals(TransportException.Kind.CLOSED,
                failureOf(transport.execute(HttpRequest.get(WEBWXINIT), cookies)).kind());
    }

    @Test
    void closingTheTransportFailsAnExchangeInFlight() {
        LocalHttpServer server = server(request -> Reply.ok("late").withDelay(Duration.ofSeconds(5)));
        HttpTransport transport = transportTo(server);
        CompletableFuture<HttpResponse> pending = transport.execute(HttpRequest.get(WEBWXINIT), cookies);
        Await.until(() -> !server.requests().isEmpty(), "the request reached the server");

        transport.close();

        assertEquals(TransportException.Kind.CLOSED, failureOf(pending).kind());
    }

    @Test
    void aCallerSuppliedEventLoopGroupIsNotShutDown() {
        HttpTransport owner = HttpTransport.builder().build();
        try {
            HttpTransport borrower = HttpTransport.builder().eventLoopGroup(owner.eventLoopGroup()).build();
            borrower.close();
            assertFalse(owner.eventLoopGroup().isShuttingDown());
        } finally {
            owner.close();
        }
        assertTrue(owner.eventLoopGroup().isShuttingDown());
    }
}
