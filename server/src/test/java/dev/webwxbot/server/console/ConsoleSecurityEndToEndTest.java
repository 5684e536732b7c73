package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.server.api.ApiSettings;
import dev.webwxbot.testsupport.Await;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security rules over plain HTTP, as a browser or an attacker's page would meet them: the console is
 * off unless configured; signing in needs the token and answers a cookie and a CSRF token, never the token; the API
 * takes the cookie, but a change made with it needs the CSRF header; every answer carries the CSP and its companions;
 * the live stream needs a sign-in too.
 */
class ConsoleSecurityEndToEndTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResponse<?>> answers = Collections.synchronizedList(new ArrayList<>());
    private Emulator emulator;
    private BotServer server;
    private ApiCalls api;
    private String token;
    private dev.webwxbot.emulator.Account phone;

    private void start(String extra) throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), extra);
        api = ApiCalls.from(dir.resolve("data"));
        token = java.nio.file.Files.readString(dir.resolve("data").resolve("api-token")).strip();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
        for (HttpResponse<?> answer : answers) {
            String seen = answer.headers().map() + " " + (answer.body() instanceof String body ? body : "");
            assertFalse(seen.contains(token), "the token was echoed by " + answer.uri());
        }
    }

    @Test
    void theConsoleIsOffByDefault() throws Exception {
        start("");
        assertEquals(401, send("GET", "/console/", Map.of(), null).statusCode());
        assertEquals(401, send("POST", "/console/session", Map.of("Content-Type", "application/json"),
                "{\"token\":\"" + token + "\"}").statusCode());
    }

    @Test
    void theConsoleNeedsTheApi() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ApiSettings.read(
                ConfigFactory.parseString("webwx-bot.api { enabled = false, console = true }")
                        .withFallback(ConfigFactory.defaultReference()).resolve()));
        assertTrue(refused.getMessage().contains("webwx-bot.api.console"), refused.getMessage());
    }

    @Test
    void filesAreServedWithTheirTypesAndTheSecurityHeaders() throws Exception {
        start("webwx-bot.api.console = true");
        HttpResponse<String> index = send("GET", "/console/", Map.of(), null);
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
        assertTrue(index.body().contains("<script type=\"module\" src=\"app.js\"></script>"), index.body());
        String csp = index.headers().firstValue("Content-Security-Policy").orElse("");
        for (String rule : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'")) {
            assertTrue(csp.contains(rule), rule + " in " + csp);
        }
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", index.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("text/javascript; charset=utf-8", send("GET", "/console/app.js", Map.of(), null)
                .headers().firstValue("Content-Type").orElse(""));
        assertEquals("text/css; charset=utf-8", send("GET", "/console/style.css", Map.of(), null)
                .headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, send("GET", "/console/missing.js", Map.of(), null).statusCode());
        assertEquals(404, send("GET", "/console/%2e%2e/api/openapi.yaml", Map.of(), null).statusCode());
        assertEquals(301, send("GET", "/console", Map.of(), null).statusCode());
        // The API's answers carry the same headers, its 401 included.
        HttpResponse<String> refused = send("GET", "/api/v1/accounts", Map.of(), null);
        assertEquals(401, refused.statusCode());
        assertEquals(csp, refused.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", api.get("/api/v1/accounts").headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void aSignInGivesACookieThatWorksForReadsAndForChangesOnlyWithTheCsrfHeader() throws Exception {
        start("webwx-bot.api.console = true");
        assertEquals(401, send("POST", "/console/session", json(), "{\"token\":\"wrong\"}").statusCode());
        assertEquals(401, send("GET", "/console/session", Map.of(), null).statusCode());
        assertEquals(403, send("POST", "/console/session", Map.of("Content-Type", "application/json",
                "Origin", "http://evil.example"), "{\"token\":\"" + token + "\"}").statusCode());

        HttpResponse<String> signIn = send("POST", "/console/session", json(), "{\"token\":\"" + token + "\"}");
        assertEquals(201, signIn.statusCode());
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"),
                setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = ApiCalls.JSON.readTree(signIn.body()).get("csrfToken").asText();
        assertEquals(43, csrf.length()); // 256 random bits, base64url

        HttpResponse<String> accounts = send("GET", "/api/v1/accounts", Map.of("Cookie", cookie), null);
        assertEquals(200, accounts.statusCode(), accounts.body());
        assertEquals("default", ApiCalls.JSON.readTree(accounts.body()).at("/accounts/0/id").asText());
        assertEquals(csrf, ApiCalls.JSON.readTree(send("GET", "/console/session", Map.of("Cookie", cookie), null).body())
                .get("csrfToken").asText());

        // Asking an account that waits for its scan to log in changes nothing: a harmless change to forge.
        String logout = "/api/v1/accounts/default/login";
        HttpResponse<String> forged = send("POST", logout, Map.of("Cookie", cookie), "");
        assertEquals(403, forged.statusCode());
        assertEquals("CSRF", ApiCalls.JSON.readTree(forged.body()).get("reason").asText());
        assertEquals(403, send("POST", logout, Map.of("Cookie", cookie, "X-CSRF-Token", "guess"), "").statusCode());
        assertEquals(403, send("DELETE", "/console/session", Map.of("Cookie", cookie), null).statusCode());
        assertEquals(202, send("POST", logout, Map.of("Cookie", cookie, "X-CSRF-Token", csrf), "").statusCode());

        HttpResponse<String> signOut = send("DELETE", "/console/session", Map.of("Cookie", cookie, "X-CSRF-Token", csrf), null);
        assertEquals(204, signOut.statusCode());
        assertTrue(signOut.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, send("GET", "/api/v1/accounts", Map.of("Cookie", cookie), null).statusCode());
        assertEquals(401, send("GET", "/api/v1/accounts", Map.of("Cookie", "webwx_console=made-up"), null).statusCode());
    }

    @Test
    void theLiveStreamNeedsASignInAndCarriesStateChanges() throws Exception {
        start("webwx-bot.api.console = true");
        assertEquals(401, send("GET", "/api/v1/events/stream", Map.of(), null).statusCode());
        HttpResponse<String> signIn = send("POST", "/console/session", json(), "{\"token\":\"" + token + "\"}");
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events/stream"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (java.io.IOException e) {
                // closed by the daemon's stop
            }
        });
        DaemonFixture.logIn(api, "default", phone);
        JsonNode state = Await.value(() -> lines.stream().filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6)).map(ConsoleSecurityEndToEndTest::parse)
                .filter(e -> e.get("type").asText().equals("account.state")
                        && e.at("/event/state").asText().equals("ONLINE")).findFirst(),
                () -> "an ONLINE account.state event in " + lines, Duration.ofSeconds(15));
        assertEquals("default", state.get("account").asText());
        assertEquals("default", state.at("/event/id").asText());
        assertEquals("Bot", state.at("/event/self/name").asText());
        server.close(); // ends the stream
        reader.join(Duration.ofSeconds(10));
        assertFalse(reader.isAlive(), "the stream did not end when the daemon stopped");
    }

    private static JsonNode parse(String json) {
        try {
            return ApiCalls.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(answer);
        return answer;
    }
}
