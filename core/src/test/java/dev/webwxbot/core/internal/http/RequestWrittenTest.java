package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whether a failed exchange says its request was written: the line between "the server certainly did not act on it"
 * and "it may have", which decides whether a send may simply be retried. Against loopback servers that refuse,
 * reset before reading, stall or reset after reading.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequestWrittenTest {

    private static final URI SEND = URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsendmsg?lang=zh_CN");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CookieJar cookies = new CookieJar();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aRefusedConnectionIsNotWritten() throws Exception {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }

        TransportException failure = failureOf(transportTo(unusedPort).execute(post(10), cookies));

        assertEquals(TransportException.Kind.CONNECT, failure.kind());
        assertFalse(failure.requestWritten());
    }

    @Test
    void aResetBeforeTheServerReadTheRequestIsNotWritten() throws Exception {
        // A body far larger than loopback socket buffers: the write can only complete if the server reads it.
        ServerSocket server = listen();
        acceptOnce(server, socket -> {
            socket.getInputStream().read();
            reset(socket);
        });

        TransportException failure = failureOf(transportTo(server.getLocalPort()).execute(post(10 << 20), cookies));

        assertEquals(TransportException.Kind.CLOSED, failure.kind());
        assertFalse(failure.requestWritten(), failure.getMessage());
    }

    @Test
    void aStallAfterTheServerReadTheRequestIsWritten() throws Exception {
        ServerSocket server = listen();
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        acceptOnce(server, socket -> {
            readRequest(socket.getInputStream());
            read.countDown();
            done.await(); // never answers
        });
        toClose.add(done::countDown);

        TransportException failure = failureOf(transportTo(server.getLocalPort())
                .execute(post(10).withReadTimeout(Duration.ofMillis(200)), cookies));

        assertTrue(read.await(5, TimeUnit.SECONDS));
        assertEquals(TransportException.Kind.TIMEOUT, failure.kind());
        assertTrue(failure.requestWritten());
    }

    @Test
    void aResetAfterTheServerReadTheRequestIsWritten() throws Exception {
        ServerSocket server = listen();
        acceptOnce(server, socket -> {
            readRequest(socket.getInputStream());
            reset(socket);
        });

        TransportException failure = failureOf(transportTo(server.getLocalPort()).execute(post(10), cookies));

        assertEquals(TransportException.Kind.CLOSED, failure.kind());
        assertTrue(failure.requestWritten());
    }

    @Test
    void aNotReplayableRequestDroppedOnAReusedConnectionIsNotSentAgain() {
        LocalHttpServer server = LocalHttpServer.start(request -> request.indexOnConnection() == 2
                ? Reply.dropConnection() : Reply.ok("{}"));
        toClose.add(server);
        HttpTransport transport = transport(HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())));
        transport.execute(post(10), cookies).orTimeout(10, TimeUnit.SECONDS).join();

        TransportException failure = failureOf(transport.execute(post(10).notReplayable(), cookies));

        assertEquals(TransportException.Kind.CLOSED, failure.kind());
        assertTrue(failure.requestWritten());
        assertEquals(2, server.requests().size(), "the dropped request was sent again");
    }

    private static HttpRequest post(int bodyBytes) {
        return HttpRequest.post(SEND, "application/json;charset=UTF-8", new byte[bodyBytes]);
    }

    private HttpTransport transportTo(int port) {
        return transport(HttpTransport.builder()
                .resolver(OriginResolver.fixed(URI.create("http://127.0.0.1:" + port))));
    }

    private HttpTransport transport(HttpTransport.Builder builder) {
        HttpTransport transport = builder.build();
        toClose.add(transport);
        return transport;
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setReceiveBufferSize(4096);
        toClose.add(server);
        return server;
    }

    private interface SocketWork {
        void on(Socket socket) throws Exception;
    }

    /** Serves one connection on a virtual thread; the test's own assertions decide, so failures here are dropped. */
    private void acceptOnce(ServerSocket server, SocketWork work) {
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                work.on(socket);
            } catch (Exception ignored) {
                // the client's view is what the test checks
            }
        });
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0); // close with RST rather than FIN
        socket.close();
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed in the headers");
            head.write(b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        long remaining = length.find() ? Long.parseLong(length.group(1)) : 0;
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0 && in.read() < 0) throw new IOException("closed in the body");
            remaining -= Math.max(skipped, 1);
        }
    }

    private static TransportException failureOf(CompletableFuture<HttpResponse> future) {
        CompletionException thrown = assertThrows(CompletionException.class,
                () -> future.orTimeout(10, TimeUnit.SECONDS).join());
        return assertInstanceOf(TransportException.class, thrown.getCause());
    }
}
