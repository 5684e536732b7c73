package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MediaRef;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.StoreSettings;
import dev.webwxbot.store.StoredMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search route over a real store without a daemon: what the JSON carries (media without its path), the
 * filters it passes on, and a failing database answered with 503 while the API stays up.
 */
class HistoryRoutesTest {

    private static final String TOKEN = "history-test-token-0123456789";

    @TempDir
    Path dir;

    private MessageStore store;
    private ApiServer server;
    private final OpenApiDocument document = OpenApiDocument.load();

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (store != null) store.close();
    }

    private ApiCalls serve() throws Exception {
        // Accounts and plugins are not needed by the search route.
        server = ApiServer.start(new ApiSettings(true, "127.0.0.1", 0, TOKEN, 1 << 20), dir,
                new ApiBackend(null, null, Optional.of(store)), () -> "");
        return new ApiCalls("http://127.0.0.1:" + server.port(), TOKEN);
    }

    private static StoredMessage message(String msgId, String chat, String text, Instant time, Optional<MediaRef> media) {
        return new StoredMessage(0, "alice", Direction.IN, media.isPresent() ? "message.image" : "message.text", msgId,
                "", "@" + chat, chat, "@bob", "Bob", "Bobby", time, text, "{}", media, "received", "",
                "", "wxid:wxid_bob");
    }

    @Test
    void searchAnswersStoredMessagesNewestFirstWithMediaButNotItsPath() throws Exception {
        store = MessageStore.open(StoreSettings.sqlite(dir));
        MediaRef picture = new MediaRef("a".repeat(64), 4321, "aa/aaaa", "cat.jpg");
        store.record(message("1", "Team", "lunch at noon", Instant.parse("2026-12-06T10:00:00Z"), Optional.empty()));
        store.record(message("2", "Team", "cat.jpg", Instant.parse("2026-12-06T11:00:00Z"), Optional.of(picture)));
        store.record(message("3", "Other", "lunch elsewhere", Instant.parse("2026-12-06T12:00:00Z"), Optional.empty()));
        ApiCalls api = serve();

        HttpResponse<String> all = api.get("/api/v1/messages?chat=Team");
        HttpResponse<String> lunch = api.get("/api/v1/messages?q=LUNCH&from=2026-12-06T09:00:00Z&to=2026-12-06T13:00:00Z");

        assertEquals(List.of(), document.validate("GET", "/api/v1/messages", all.statusCode(), "application/json", all.body()));
        JsonNode rows = api.json(all).path("messages");
        assertEquals(2, rows.size(), all.body());
        assertEquals(ApiCalls.JSON.readTree("""
                {"account":"alice","direction":"IN","kind":"message.image","msgId":"2","localId":"",
                 "chat":{"id":"@Team","name":"Team"},"sender":{"id":"@bob","name":"Bob","groupName":"Bobby",
                 "identity":"wxid:wxid_bob"},"time":"2026-12-06T11:00:00Z","text":"cat.jpg","status":"received","failure":"","quotedMsgId":null,
                 "media":{"sha256":"%s","size":4321,"fileName":"cat.jpg"}}""".formatted("a".repeat(64))), rows.get(0));
        assertEquals("1", rows.get(1).path("msgId").asText());
        JsonNode found = api.json(lunch).path("messages");
        assertEquals(List.of("3", "1"), List.of(found.get(0).path("msgId").asText(), found.get(1).path("msgId").asText()));
    }

    @Test
    void aFailingStoreIsA503AndTheRestOfTheApiStillAnswers() throws Exception {
        store = MessageStore.open(StoreSettings.sqlite(dir));
        store.close(); // every read now fails as a broken database would
        ApiCalls api = serve();

        HttpResponse<String> answer = api.get("/api/v1/messages?q=x");

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("STORE_UNAVAILABLE", api.json(answer).path("reason").asText());
        assertEquals(List.of(), document.validate("GET", "/api/v1/messages", 503,
                answer.headers().firstValue("Content-Type").orElse(""), answer.body()));
        assertEquals(200, api.get("/api/v1/openapi.yaml").statusCode());
    }
}
