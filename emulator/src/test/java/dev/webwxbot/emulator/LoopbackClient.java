package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client that is not ours, pointed at the emulator the way third-party clients are: every request goes to one
 * origin ({@code http://127.0.0.1:PORT}, or {@code localhost}) with path and query untouched, and the JDK sets
 * {@code Host} from that URL. Its cookie jar is {@link CookieManager} with the default policy, which behaves as a
 * browser's does on loopback (checked by {@link LoopbackClientConformanceTest#theJdkCookieJarBehavesAsABrowsersOnLoopback}):
 * it rejects a {@code Domain} the host does not match and withholds {@code Secure} cookies over {@code http://}.
 */
final class LoopbackClient {
    final String origin;
    final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    /** At {@code emulator.baseUrl()} (the bind address, {@code 127.0.0.1}). */
    LoopbackClient(Emulator emulator) {
        this(emulator, emulator.baseUrl());
    }

    /** At {@code origin}, e.g. {@code http://localhost:PORT}; trusts the emulator's CA when it speaks TLS. */
    LoopbackClient(Emulator emulator, String origin) {
        this.origin = origin;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies);
        emulator.caCertificate().ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    WireClient.Response get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
    }

    WireClient.Response postJson(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
                "Content-Type", "application/json;charset=UTF-8");
    }

    JsonNode json(String pathAndQuery, String body) {
        WireClient.Response response = postJson(pathAndQuery, body);
        if (response.status() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.status() + ": " + response.text());
        }
        return response.json();
    }

    /** The names of the cookies the jar would send with a request to {@code pathAndQuery} on this origin. */
    List<String> cookieNamesFor(String pathAndQuery) {
        return cookiePairsFor(pathAndQuery).map(pair -> pair.substring(0, pair.indexOf('='))).sorted().toList();
    }

    /** The value of the cookie {@code name} the jar would send with a request to {@code pathAndQuery}, or null. */
    String cookieValueFor(String pathAndQuery, String name) {
        return cookiePairsFor(pathAndQuery).filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1)).findFirst().orElse(null);
    }

    /** {@code name=value} pairs, decided by the same rules the jar applies to a request (domain, path, Secure). */
    private Stream<String> cookiePairsFor(String pathAndQuery) {
        try {
            return cookies.get(URI.create(origin + pathAndQuery), Map.of()).getOrDefault("Cookie", List.of()).stream()
                    .flatMap(header -> Arrays.stream(header.split(";\\s*")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WireClient.Response send(String method, String pathAndQuery, HttpRequest.BodyPublisher body,
                                     String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + pathAndQuery))
                .timeout(Duration.ofSeconds(15))
                .method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new WireClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting(java.security.cert.X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("emulator-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
