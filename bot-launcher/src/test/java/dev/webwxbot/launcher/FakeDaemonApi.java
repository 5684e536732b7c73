package dev.webwxbot.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of the daemon's HTTP API v1 for the launcher's commands: answers canned contract JSON per
 * {@code "METHOD /path"}, refuses any token but its own with the contract's 401, and records every request for the
 * test to inspect (okhttp's MockWebServer style). Announces itself in a data folder the way the daemon does
 * ({@code api.json}, {@code api-token}). Close it after the test.
 */
final class FakeDaemonApi implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    static final String UNAUTHORIZED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";

    /** One request as the fake received it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A canned answer. */
    record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, String json) {
            return new Answer(status, status >= 400 ? "application/problem+json" : "application/json",
                    json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeDaemonApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code "POST /api/v1/accounts"} (the path without query) with {@code answer} from now on. */
    FakeDaemonApi answer(String route, Answer answer) {
        answers.put(route, answer);
        return this;
    }

    FakeDaemonApi answer(String route, int status, String json) {
        return answer(route, Answer.json(status, json));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        if (requests.size() != 1) throw new AssertionError("expected one request, got " + requests);
        return requests.getFirst();
    }

    /** Writes {@code api.json} and {@code api-token} into {@code dataDir}, as a daemon serving the API does. */
    FakeDaemonApi announceIn(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("api.json"), "{\"url\":\"" + url() + "\"}");
        Files.writeString(dataDir.resolve("api-token"), TOKEN + "\n");
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer;
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                answer = Answer.json(401, UNAUTHORIZED);
            } else {
                answer = answers.getOrDefault(method + " " + path, Answer.json(404,
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"reason\":\"NOT_FOUND\","
                                + "\"detail\":\"the fake has no answer for " + method + " " + path + "\"}"));
            }
            if (answer.contentType() != null) exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            boolean empty = answer.body().length == 0;
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
