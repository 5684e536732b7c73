package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the real routes: the daemon serves exactly the operations the document describes,
 * and every answer of every route (successes and problems) validates against the document's schema for that
 * operation, status and content type. Runs a daemon on the emulator and calls it with the JDK's HTTP client.
 */
class ApiContractEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Contact team;
    private BotServer server;
    private ApiCalls api;
    private final OpenApiDocument document = OpenApiDocument.load();
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> violations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        Contact bob = phone.addFriend("Bob");
        team = phone.addGroup("Team", alice, bob);
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { main {} }");
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void theServedRoutesAreExactlyTheDocumentedOperations() {
        assertEquals(document.operations(), new TreeSet<>(server.api().orElseThrow().operations()));
    }

    @Test
    void everyRouteAnswersAsTheDocumentSays() throws Exception {
        String a = "/api/v1/accounts";
        check("GET", a, api.get(a));
        check("GET", a + "/{account}", api.get(a + "/main"));
        check("GET", a + "/{account}", api.get(a + "/nobody"));
        check("POST", a, api.post(a, "{\"id\":\"extra\"}"));
        check("POST", a, api.post(a, "{\"id\":\"extra\"}"));           // 409: exists
        check("POST", a, api.post(a, "{\"id\":\"Not Valid\"}"));      // 400
        DaemonFixture.awaitField(api, "extra", "qrUrl");
        checkBytes("GET", a + "/{account}/qr", api.getBytes(a + "/extra/qr"));
        checkBytes("GET", a + "/{account}/qr", api.getBytes(a + "/main/qr")); // 404: online, no QR
        check("POST", a + "/{account}/logout", api.post(a + "/extra/logout", ""));
        check("POST", a + "/{account}/login", api.post(a + "/extra/login", ""));
        check("GET", a + "/{account}/login-guard", api.get(a + "/main/login-guard"));
        check("GET", a + "/{account}/login-guard", api.get(a + "/nobody/login-guard"));
        check("POST", a + "/{account}/login-guard/reset", api.post(a + "/main/login-guard/reset", ""));
        check("DELETE", a + "/{account}", api.delete(a + "/extra"));
        check("DELETE", a + "/{account}", api.delete(a + "/main"));   // 409: from the configuration file

        check("GET", a + "/{account}/contacts", api.get(a + "/main/contacts"));
        check("GET", a + "/{account}/contacts", api.get(a + "/main/contacts?q=ali&kind=friend"));
        check("GET", a + "/{account}/contacts", api.get(a + "/main/contacts?kind=nonsense"));
        check("GET", a + "/{account}/contacts/{contact}", api.get(a + "/main/contacts/Alice"));
        check("GET", a + "/{account}/contacts/{contact}", api.get(a + "/main/contacts/Nobody"));
        check("GET", a + "/{account}/groups/{group}/members", api.get(a + "/main/groups/Team/members"));

        HttpResponse<String> sent = api.post(a + "/main/messages",
                "{\"to\":\"Team\",\"text\":\"hello team\",\"mentions\":[\"Alice\"]}");
        check("POST", a + "/{account}/messages", sent);
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(phone.awaitSentMessage(Duration.ofSeconds(10)).msgSource().contains(alice.userName()),
                "a real @-mention: the member's id in MsgSource");
        check("POST", a + "/{account}/messages", api.post(a + "/main/messages", "{\"to\":\"Nobody\",\"text\":\"x\"}"));
        check("POST", a + "/{account}/messages", api.post(a + "/main/messages", "{\"to\":\"Alice\"}"));
        check("POST", a + "/{account}/messages", api.post(a + "/main/messages", "not json"));
        Path picture = DaemonFixture.picture(dir.resolve("p.png"));
        check("POST", a + "/{account}/messages", api.postFile(a + "/main/messages", "Alice", "image", picture));
        phone.awaitSentMessage(Duration.ofSeconds(10));

        String msgId = api.json(sent).get("msgId").asText();
        check("POST", a + "/{account}/messages/{msgId}/revoke", api.post(a + "/main/messages/" + msgId + "/revoke", ""));
        check("POST", a + "/{account}/messages/{msgId}/revoke", api.post(a + "/main/messages/123/revoke", ""));

        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        String received = alice.send(MessageBody.image(jpeg, 64, 48));
        HttpResponse<byte[]> media = awaitMedia(a + "/main/messages/" + received + "/media");
        checkBytes("GET", a + "/{account}/messages/{msgId}/media", media);
        assertEquals(200, media.statusCode());
        assertEquals(jpeg.length, media.body().length, "the image's bytes");
        checkBytes("GET", a + "/{account}/messages/{msgId}/media", api.getBytes(a + "/main/messages/999/media"));

        check("GET", "/api/v1/plugins", api.get("/api/v1/plugins"));
        for (String verb : List.of("enable", "disable", "reload")) {
            check("POST", "/api/v1/plugins/{plugin}/" + verb, api.post("/api/v1/plugins/none/" + verb, ""));
        }
        String lastAliceTrace = "/api/v1/traces?account=main&limit=1&chat="
                + URLEncoder.encode("Alice", StandardCharsets.UTF_8);
        String before = api.get(lastAliceTrace).body();
        alice.sendText("trace me");
        Await.until(() -> !api.get(lastAliceTrace).body().equals(before), "the trace of 'trace me'");
        check("GET", "/api/v1/traces", api.get("/api/v1/traces?account=main&limit=5&chat="
                + URLEncoder.encode("Alice", StandardCharsets.UTF_8)));
        check("GET", "/api/v1/traces", api.get("/api/v1/traces?limit=0"));
        String tracedMsgId = api.json(api.get(lastAliceTrace)).at("/traces/0/msgId").asText();
        HttpResponse<String> traced = api.get("/api/v1/traces/main/" + tracedMsgId);
        check("GET", "/api/v1/traces/{account}/{msgId}", traced);
        assertEquals(200, traced.statusCode(), traced.body());
        check("GET", "/api/v1/traces/{account}/{msgId}", api.get("/api/v1/traces/main/1"));
        check("GET", "/api/v1/plugins/{plugin}/config", api.get("/api/v1/plugins/none/config"));
        check("GET", "/api/v1/health", api.get("/api/v1/health"));
        check("GET", "/api/v1/cluster", api.get("/api/v1/cluster")); // 404: a daemon of its own (200: ClusterDaemonsEndToEndTest)
        // The message store kept what was sent and received above: found by words, by chat, by the chat route.
        String search = "/api/v1/messages";
        HttpResponse<String> found = awaitMessages(search + "?account=main&q=" + URLEncoder.encode("TRACE", StandardCharsets.UTF_8));
        check("GET", search, found);
        assertTrue(found.body().contains("\"text\":\"trace me\""), found.body());
        HttpResponse<String> filtered = api.get(search + "?account=main&chat=Team&kind=message.text&limit=5"
                + "&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00%2B08:00");
        check("GET", search, filtered);
        assertTrue(filtered.body().contains("\"hello team\"") && filtered.body().contains("\"direction\":\"OUT\""),
                filtered.body());
        check("GET", search, api.get(search + "?from=yesterday"));
        check("GET", search, api.get(search + "?limit=0"));
        String chat = a + "/{account}/chats/{chat}/messages";
        HttpResponse<String> latest = api.get(a + "/main/chats/Alice/messages?limit=10");
        check("GET", chat, latest);
        assertTrue(latest.body().contains("\"trace me\"") && latest.body().contains("\"message.image\""), latest.body());
        String aliceId = api.json(latest).at("/messages/0/chat/id").asText();
        check("GET", chat, api.get(a + "/main/chats/" + URLEncoder.encode(aliceId, StandardCharsets.UTF_8) + "/messages"));
        check("GET", chat, api.get(a + "/main/chats/Nobody/messages"));
        check("GET", chat, api.get(a + "/nobody/chats/Alice/messages"));
        check("GET", chat, api.get(a + "/main/chats/Alice/messages?limit=1001"));

        String chats = a + "/{account}/chats";
        check("POST", chats + "/{chat}/pause", api.post(a + "/main/chats/Alice/pause", "{\"minutes\":30}"));
        check("POST", chats + "/{chat}/pause", api.post(a + "/main/chats/Team/pause", ""));
        check("POST", chats + "/{chat}/pause", api.post(a + "/main/chats/Alice/pause", "{\"minutes\":0}"));
        check("POST", chats + "/{chat}/pause", api.post(a + "/main/chats/Nobody/pause", ""));
        check("GET", chats + "/paused", api.get(a + "/main/chats/paused"));
        check("GET", chats + "/paused", api.get(a + "/nobody/chats/paused"));
        check("POST", chats + "/{chat}/resume", api.post(a + "/main/chats/Alice/resume", ""));
        check("POST", chats + "/{chat}/resume", api.post(a + "/main/chats/Alice/resume", ""));
        check("POST", chats + "/{chat}/resume", api.post(a + "/main/chats/Team/resume", ""));

        HttpResponse<java.io.InputStream> stream = api.stream("/api/v1/events/stream");
        try (java.io.InputStream events = stream.body()) {
            exercised.add("GET /api/v1/events/stream");
            document.validate("GET", "/api/v1/events/stream", stream.statusCode(),
                    stream.headers().firstValue("Content-Type").orElse(""), null)
                    .forEach(v -> violations.add("GET /api/v1/events/stream " + stream.statusCode() + ": " + v));
            assertEquals(200, stream.statusCode());
        }
        check("GET", "/api/v1/events/stream", api.withToken("wrong").get("/api/v1/events/stream"));
        check("GET", "/api/v1/openapi.yaml", api.get("/api/v1/openapi.yaml"));
        HttpResponse<String> metrics = api.get("/metrics");
        check("GET", "/metrics", metrics);
        assertTrue(metrics.body().contains("webwx_account_state{account=\"main\",state=\"ONLINE\"} 1.0"), metrics.body());
        for (String name : List.of("webwx_messages_received_total", "webwx_messages_sent_total", "webwx_send_latency_seconds",
                "webwx_send_throttled_total", "webwx_sync_errors_total", "webwx_sync_reconnects_total",
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds")) {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }

        assertEquals(List.of(), violations);
        assertEquals(document.operations(), exercised, "every operation was called");
    }

    /** The store writes off the event's thread: the search finds the message once it is written. */
    private HttpResponse<String> awaitMessages(String path) {
        return Await.value(() -> {
            HttpResponse<String> answer = api.get(path);
            return answer.statusCode() != 200 || api.json(answer).path("messages").size() > 0
                    ? Optional.of(answer) : Optional.empty();
        }, "a message found by " + path, Duration.ofSeconds(15));
    }

    private HttpResponse<byte[]> awaitMedia(String path) {
        return Await.value(() -> {
            HttpResponse<byte[]> answer = api.getBytes(path);
            return answer.statusCode() != 404 ? Optional.of(answer) : Optional.empty();
        }, "the media at " + path, Duration.ofSeconds(15));
    }

    private void check(String method, String template, HttpResponse<String> answer) {
        exercised.add(method + " " + template);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        List<String> found = document.validate(method, template, answer.statusCode(), type,
                answer.body().isEmpty() ? null : answer.body());
        found.forEach(v -> violations.add(method + " " + template + " " + answer.statusCode() + ": " + v));
    }

    private void checkBytes(String method, String template, HttpResponse<byte[]> answer) {
        exercised.add(method + " " + template);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = type.contains("json") ? new String(answer.body(), StandardCharsets.UTF_8) : null;
        document.validate(method, template, answer.statusCode(), type, body)
                .forEach(v -> violations.add(method + " " + template + " " + answer.statusCode() + ": " + v));
    }
}
