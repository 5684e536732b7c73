package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The launcher's side of the daemon's HTTP API v1 over the JDK's client: bearer token on every request, answers as
 * JSON or bytes, every failure an {@link ApiFailure} with a line for the operator. One per command run; closing it
 * closes the HTTP client. Not meant to be shared between threads (it could be; nothing needs it).
 */
final class ApiClient implements AutoCloseable {

    static final String PREFIX = "/api/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For everything but sends: the daemon answers these from memory. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A send waits in the account's send governor first, which may take minutes after a throttle. */
    static final Duration SEND_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiTarget target;
    private final HttpClient http;

    ApiClient(ApiTarget target) {
        this.target = target;
        // HTTP/1.1: no h2c upgrade dance on plain http, which only costs a round trip on loopback.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** {@code text} as one path segment. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return parse(exchange(request(path, CALL_TIMEOUT).GET()));
    }

    byte[] getBytes(String path) {
        return exchange(request(path, CALL_TIMEOUT).GET()).body();
    }

    /** POSTs nothing (an action such as login). */
    JsonNode post(String path) {
        return parse(exchange(request(path, CALL_TIMEOUT).POST(BodyPublishers.noBody())));
    }

    /** POSTs {@code body} as JSON. */
    JsonNode post(String path, JsonNode body, Duration timeout) {
        return parse(exchange(request(path, timeout).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))));
    }

    JsonNode post(String path, Multipart form, Duration timeout) {
        return parse(exchange(request(path, timeout).header("Content-Type", form.contentType()).POST(form.publisher())));
    }

    void delete(String path) {
        exchange(request(path, CALL_TIMEOUT).DELETE());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(target.base().toString().replaceAll("/+$", "") + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + target.token().value())
                .header("Accept", "application/json, application/problem+json, */*");
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            // api.json is left behind by a daemon that was killed; nothing listening means no daemon either way.
            throw new ApiFailure(ApiTarget.noDaemon(target.dataDir()) + "; nothing answers at " + target.base());
        } catch (HttpTimeoutException e) {
            throw new ApiFailure("the daemon at " + target.base() + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time");
        } catch (IOException e) {
            throw new ApiFailure("the daemon at " + target.base() + " does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure("interrupted");
        }
        int status = response.statusCode();
        if (status == 401) throw new ApiFailure("the token in " + target.token().source() + " was refused", status);
        if (status >= 300) throw new ApiFailure(problem(response), status);
        return response;
    }

    /** The operator's line for an error answer: {@code REASON: detail}, whatever of them the problem has. */
    private static String problem(HttpResponse<byte[]> response) {
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (IOException e) {
            problem = null;
        }
        String reason = problem == null ? "" : problem.path("reason").asText("");
        String detail = problem == null ? "" : problem.path("detail").asText("");
        if (detail.isEmpty() && problem != null) detail = problem.path("title").asText("");
        if (detail.isEmpty()) detail = "HTTP " + response.statusCode();
        return TerminalText.clean(reason.isEmpty() ? detail : reason + ": " + detail);
    }

    private static JsonNode parse(HttpResponse<byte[]> response) {
        if (response.body().length == 0) return JSON.nullNode();
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiFailure("the daemon's answer to " + response.request().uri().getPath() + " is not JSON");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
