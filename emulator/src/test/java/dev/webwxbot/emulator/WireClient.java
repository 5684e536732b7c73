package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A plain HTTP client for conformance tests: talks to the emulator's port while sending the real {@code Host}
 * header, never follows redirects and keeps no cookies of its own.
 */
final class WireClient {
    static {
        // Read once by the JDK when java.net.http initialises; surefire sets it too (see pom.xml).
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;

    WireClient(Emulator emulator) {
        this.baseUrl = emulator.baseUrl();
    }

    Response get(String host, String pathAndQuery, String... headers) {
        return send(host, pathAndQuery, "GET", null, headers);
    }

    Response post(String host, String pathAndQuery, String body, String... headers) {
        return send(host, pathAndQuery, "POST", body, headers);
    }

    Response postBytes(String host, String pathAndQuery, byte[] body, String... headers) {
        return exchange(host, pathAndQuery, "POST", HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    Response send(String host, String pathAndQuery, String method, String body, String... headers) {
        return exchange(host, pathAndQuery, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
    }

    Response exchange(String host, String pathAndQuery, String method, HttpRequest.BodyPublisher body,
                              String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(15))
                .header("Host", host)
                .method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(decoded(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(decoded());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse(null);
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        private byte[] decoded() {
            if (!"gzip".equals(headers.firstValue("Content-Encoding").orElse(""))) {
                return body;
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
