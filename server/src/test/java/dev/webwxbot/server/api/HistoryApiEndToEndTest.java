package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history routes beyond the contract test's walk: a store turned off, an account gone offline, Chinese words. */
class HistoryApiEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private BotServer server;
    private ApiCalls api;
    private final OpenApiDocument document = OpenApiDocument.load();

    @BeforeEach
    void start() {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    private void startDaemon(String extra) throws Exception {
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { main {} }\n" + extra);
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
    }

    @Test
    void withTheStoreOffBothRoutesAnswerStoreDisabled() throws Exception {
        startDaemon("webwx-bot.store.enabled = false");

        for (String path : List.of("/api/v1/messages?q=x", "/api/v1/accounts/main/chats/Alice/messages")) {
            HttpResponse<String> answer = api.get(path);
            assertEquals(404, answer.statusCode(), answer.body());
            assertEquals("STORE_DISABLED", api.json(answer).path("reason").asText(), answer.body());
            String template = path.startsWith("/api/v1/messages") ? "/api/v1/messages"
                    : "/api/v1/accounts/{account}/chats/{chat}/messages";
            assertEquals(List.of(), document.validate("GET", template, 404,
                    answer.headers().firstValue("Content-Type").orElse(""), answer.body()));
        }
    }

    @Test
    void chineseWordsAreFoundAndAnOfflineAccountsChatIsReadByItsStoredId() throws Exception {
        startDaemon("");
        alice.sendText("明天下午三点开会 in room 5");
        JsonNode found = await("/api/v1/messages?account=main&q=" + URLEncoder.encode("三点开会", StandardCharsets.UTF_8));
        assertEquals(1, found.path("messages").size(), found.toString());
        JsonNode message = found.path("messages").get(0);
        assertEquals("明天下午三点开会 in room 5", message.path("text").asText());
        assertEquals("Alice", message.path("chat").path("name").asText());
        assertEquals("IN", message.path("direction").asText());
        String chatId = message.path("chat").path("id").asText();
        alice.sendText("unrelated"); // after the first is stored: the same second, so the order is the store's
        await("/api/v1/messages?account=main&q=unrelated");

        api.post("/api/v1/accounts/main/logout", "");
        DaemonFixture.awaitState(api, "main", "LOGGED_OUT");
        HttpResponse<String> offline = api.get("/api/v1/accounts/main/chats/"
                + URLEncoder.encode(chatId, StandardCharsets.UTF_8) + "/messages?limit=5");

        assertEquals(200, offline.statusCode(), offline.body());
        JsonNode rows = api.json(offline).path("messages");
        assertEquals(List.of("unrelated", "明天下午三点开会 in room 5"),
                List.of(rows.get(0).path("text").asText(), rows.get(1).path("text").asText()), "newest first");
    }

    /** The store writes off the event's thread: polls until the search finds something. */
    private JsonNode await(String path) {
        return Await.value(() -> {
            HttpResponse<String> answer = api.get(path);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode body = api.json(answer);
            return body.path("messages").size() > 0 ? Optional.of(body) : Optional.empty();
        }, "a message found by " + path, Duration.ofSeconds(15));
    }
}
