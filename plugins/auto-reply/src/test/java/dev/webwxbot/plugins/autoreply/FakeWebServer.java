package dev.webwxbot.plugins.autoreply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A web server on the loopback interface and an ephemeral port, started by a test: it records every request and
 * answers as the test says (JSON, a status, a body too large, or never, until it is closed). Stands in for a web
 * service or an OpenAI-compatible chat-completions server.
 */
final class FakeWebServer implements AutoCloseable {

    /** One request as the server saw it; header names in lower case. */
    record Request(String method, String rawPathAndQuery, Map<String, String> headers, String body) {
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(json(200, "{}"));
    /** Released on close: what a server that never answers waits for. */
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A server listening, for a test's field. */
    static FakeWebServer start() {
        try {
            return new FakeWebServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FakeWebServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        headers, body));
                answer.get().answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientWentAway) {
                // the bot gave up (a time-out, a body too large): nothing to answer
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(Answer how) {
        answer.set(how);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request lastRequest() {
        return requests.getLast();
    }

    static Answer json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Headers at once, then never a body: a server that hangs mid-answer. */
    Answer never() {
        return exchange -> closed.await();
    }

    /**
     * {@code bytes} of JSON-looking text, chunked (no Content-Length, so only counting can stop it) or announced.
     */
    static Answer large(int bytes, boolean announced) {
        return exchange -> {
            exchange.sendResponseHeaders(200, announced ? bytes : 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < bytes; sent += chunk.length) out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
        };
    }

    /** A loopback port nothing listens on: a server that is down. */
    static String downBase() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
