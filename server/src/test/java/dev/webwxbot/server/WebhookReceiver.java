package dev.webwxbot.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver as an operator would write one: the JDK's HTTP server on a loopback port, answering 500 to the
 * first {@code failures} requests and then 200 with a configurable body. Records every request.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, List<String>> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String answer = "";
    private volatile boolean ignoreOwn;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            int status = fail ? 500 : 200;
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            String answered = ignoreOwn && new String(body, StandardCharsets.UTF_8).contains("\"fromSelf\":true")
                    ? "" : answer;
            byte[] reply = fail ? "down".getBytes(StandardCharsets.UTF_8) : answered.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", fail ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void failNext(int count) {
        failures.set(count);
    }

    void answerWith(String json) {
        answer = json;
    }

    /** Answers the account's own messages (the echoes of its replies) with nothing, so replies do not loop. */
    void answerOthersWith(String json) {
        answer = json;
        ignoreOwn = true;
    }

    Received await(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) throw new AssertionError("no webhook request within " + timeout);
        return next;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
