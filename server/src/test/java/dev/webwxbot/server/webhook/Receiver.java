package dev.webwxbot.server.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A webhook receiver on a real local port: answers from a script (then 200 with an empty body), records requests. */
final class Receiver implements AutoCloseable {

    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }
    }

    /** One received request: headers (names lower-case) and the raw body. */
    record Request(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = new Answer(200, "");

    private Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            requests.add(new Request(headers, body));
            Answer answer = script.poll();
            if (answer == null) answer = otherwise;
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    static Receiver start() throws IOException {
        return new Receiver(0);
    }

    /** A receiver on a port an earlier one used (the same URL, as after a receiver's restart). */
    static Receiver startOn(int port) throws IOException {
        return new Receiver(port);
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/hook?token=query-secret");
    }

    /** Answers the next requests with these, in order. */
    Receiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers every request not scripted with this. */
    Receiver otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Waits until at least {@code count} requests came, and returns them all. */
    List<Request> awaitRequests(int count, Duration timeout) {
        Await.until(() -> requests.size() >= count, () -> "requests: " + requests.size() + " < " + count, timeout);
        return requests();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
