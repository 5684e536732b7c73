package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.http.LocalHttpServer.Recorded;
import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpTransport#download}: bodies streamed into a file, bounded, cleaned up on every failure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamingDownloadTest {

    private static final URI MEDIA = URI.create("https://file.wx.qq.com/cgi-bin/mmwebwx-bin/webwxgetmedia?mediaid=m1");
    /** The aggregated exchange's limit in these tests: every streamed body below is larger. */
    private static final int IN_MEMORY_LIMIT = 64 * 1024;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CookieJar cookies = new CookieJar();
    @TempDir
    Path directory;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private HttpTransport transportTo(Function<Recorded, Reply> responder) {
        LocalHttpServer server = LocalHttpServer.start(responder);
        toClose.add(server);
        // The limit also bounds each inflated gzip buffer, so it stays at its default for the gzip tests.
        HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())).build();
        toClose.add(transport);
        return transport;
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, () -> future.orTimeout(20, TimeUnit.SECONDS).join())
                .getCause();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aBodyFarAboveTheInMemoryLimitIsWrittenToTheFileAndItsCookiesAreStored() throws Exception {
        byte[] body = randomBytes(3 * 1024 * 1024 + 17);
        LocalHttpServer server = LocalHttpServer.start(request -> Reply.bytes(body)
                .withHeader("Content-Type", "application/octet-stream")
                .withHeader("Set-Cookie", "webwx_data_ticket=fresh; Domain=.qq.com; Path=/"));
        toClose.add(server);
        HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri()))
                .maxResponseBytes(IN_MEMORY_LIMIT).build();
        toClose.add(transport);
        Path file = directory.resolve("body.part");

        FileResponse response = await(transport.download(HttpRequest.get(MEDIA), cookies, file, 10L << 20));

        assertEquals(200, response.status());
        assertEquals(body.length, response.savedBytes());
        assertEquals(Optional.of("application/octet-stream"), response.header("Content-Type"));
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(Optional.of("fresh"), cookies.value("webwx_data_ticket", "file.wx.qq.com"));
        TransportException aggregated = assertInstanceOf(TransportException.class,
                failureOf(transport.execute(HttpRequest.get(MEDIA), cookies)));
        assertEquals(TransportException.Kind.TOO_LARGE, aggregated.kind(), "the same body does not fit in memory");
    }

    @Test
    void aGzippedBodyIsSavedDecoded() throws Exception {
        byte[] text = "闪电 lightning ".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpTransport transport = transportTo(request -> Reply.bytes(text).gzipped());
        Path file = directory.resolve("text.part");

        FileResponse response = await(transport.download(HttpRequest.get(MEDIA), cookies, file, 10L << 20));

        assertEquals(text.length, response.savedBytes());
        assertArrayEquals(text, Files.readAllBytes(file));
    }

    @Test
    void aDeclaredLengthAboveTheLimitFailsTooLargeAndLeavesNoFile() {
        HttpTransport transport = transportTo(request -> Reply.bytes(randomBytes(200_000)));
        Path file = directory.resolve("big.part");

        TransportException failure = assertInstanceOf(TransportException.class,
                failureOf(transport.download(HttpRequest.get(MEDIA), cookies, file, 100_000)));

        assertEquals(TransportException.Kind.TOO_LARGE, failure.kind());
        assertTrue(failure.getMessage().contains("larger than 100000 bytes"), failure.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aBodyThatInflatesPastTheLimitIsAbortedOnTheWayAndLeavesNoFile() {
        // Gzip drops Content-Length after decoding, so only the running count can stop this one.
        HttpTransport transport = transportTo(request -> Reply.bytes(new byte[4 * 1024 * 1024]).gzipped());
        Path file = directory.resolve("bomb.part");

        TransportException failure = assertInstanceOf(TransportException.class,
                failureOf(transport.download(HttpRequest.get(MEDIA), cookies, file, 1024 * 1024)));

        assertEquals(TransportException.Kind.TOO_LARGE, failure.kind());
        assertFalse(Files.exists(file));
    }

    @Test
    void aRedirectIsAResponseWhoseBodyIsDroppedAndWhoseFileIsRemoved() {
        HttpTransport transport = transportTo(request -> Reply.status(302, "<html>moved</html>")
                .withHeader("Location", "https://wx2.qq.com/"));
        Path file = directory.resolve("moved.part");

        FileResponse response = await(transport.download(HttpRequest.get(MEDIA), cookies, file, 1024));

        assertEquals(302, response.status());
        assertEquals(0, response.savedBytes());
        assertEquals(Optional.of("https://wx2.qq.com/"), response.header("Location"));
        assertFalse(Files.exists(file));
    }

    @Test
    void aConnectionClosedWithoutAnAnswerFailsAndLeavesNoFile() {
        HttpTransport transport = transportTo(request -> Reply.dropConnection());
        Path file = directory.resolve("dropped.part");

        TransportException failure = assertInstanceOf(TransportException.class,
                failureOf(transport.download(HttpRequest.get(MEDIA), cookies, file, 1024)));

        assertEquals(TransportException.Kind.CLOSED, failure.kind());
        assertFalse(Files.exists(file));
    }

    @Test
    void theConnectionGoesBackToThePoolAndServesAnOrdinaryRequestAfterADownload() throws Exception {
        byte[] body = randomBytes(1024 * 1024);
        LocalHttpServer server = LocalHttpServer.start(request -> request.uri().contains("mediaid")
                ? Reply.bytes(body) : Reply.ok("{\"BaseResponse\":{\"Ret\":0}}"));
        toClose.add(server);
        HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())).build();
        toClose.add(transport);

        await(transport.download(HttpRequest.get(MEDIA), cookies, directory.resolve("one.part"), 2L << 20));
        await(transport.download(HttpRequest.get(MEDIA), cookies, directory.resolve("two.part"), 2L << 20));
        HttpResponse json = await(transport.execute(
                HttpRequest.get(URI.create("https://file.wx.qq.com/cgi-bin/mmwebwx-bin/other")), cookies));

        assertEquals("{\"BaseResponse\":{\"Ret\":0}}", json.bodyText());
        assertArrayEquals(body, Files.readAllBytes(directory.resolve("two.part")));
        assertEquals(1, server.connectionsAccepted(), "one keep-alive connection carried all three");
    }

    @Test
    void aFileThatCannotBeOpenedFailsWithoutSendingAnything() {
        LocalHttpServer server = LocalHttpServer.start(request -> Reply.ok("x"));
        toClose.add(server);
        HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())).build();
        toClose.add(transport);

        Throwable failure = failureOf(transport.download(HttpRequest.get(MEDIA), cookies,
                directory.resolve("missing-folder").resolve("x.part"), 1024));

        assertInstanceOf(java.nio.file.NoSuchFileException.class, failure);
        assertEquals(0, server.requests().size());
    }
}
