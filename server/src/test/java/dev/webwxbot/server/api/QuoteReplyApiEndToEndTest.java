package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quote reply through the HTTP API ({@code quotedMsgId} on the send route): what the emulator receives, the
 * receipt, and the history linking the reply to the message it quotes, each answer checked against the OpenAPI
 * document.
 */
class QuoteReplyApiEndToEndTest {

    private static final String SEND = "/api/v1/accounts/{account}/messages";
    private static final String CHAT = "/api/v1/accounts/{account}/chats/{chat}/messages";

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Contact bob;
    private BotServer server;
    private ApiCalls api;
    private final OpenApiDocument document = OpenApiDocument.load();

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        bob = phone.addFriend("Bob");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { main {} }\n");
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void aReplyQuotingAReceivedMessageIsSentInWeChatsQuoteFormAndTheHistoryLinksTheTwo() throws Exception {
        alice.sendText("lunch at noon?");
        JsonNode question = latest("Alice", row -> row.path("direction").asText().equals("IN"));
        String quotedId = question.path("msgId").asText();

        HttpResponse<String> answer = api.post("/api/v1/accounts/main/messages",
                "{\"to\":\"Alice\",\"text\":\"yes\",\"quotedMsgId\":\"" + quotedId + "\"}");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(List.of(), validate("POST", SEND, answer));
        JsonNode receipt = api.json(answer);
        assertEquals(quotedId, receipt.path("quotedMsgId").asText());
        SentMessage sent = phone.awaitSentMessage(Duration.ofSeconds(15));
        assertEquals("「Alice：lunch at noon?」\n- - - - - - - - - - - - - - -\nyes", sent.content());
        assertEquals(receipt.path("msgId").asText(), sent.msgId());

        JsonNode reply = latest("Alice", row -> row.path("direction").asText().equals("OUT")
                && row.path("status").asText().equals("sent"));
        assertEquals("message.quote", reply.path("kind").asText());
        assertEquals(quotedId, reply.path("quotedMsgId").asText());
        assertEquals(sent.msgId(), reply.path("msgId").asText());
        assertEquals("yes\nlunch at noon?", reply.path("text").asText(), "the reply and what it quotes, searchable");
        assertEquals(true, question.path("quotedMsgId").isNull(), "a plain message quotes none");
        assertEquals(List.of(), validate("GET", CHAT, api.get("/api/v1/accounts/main/chats/Alice/messages")));
    }

    @Test
    void aQuoteOfAnUnknownMessageOrIntoAnotherChatIsRefused() throws Exception {
        alice.sendText("lunch at noon?");
        String quotedId = latest("Alice", row -> row.path("direction").asText().equals("IN")).path("msgId").asText();

        HttpResponse<String> unknown = api.post("/api/v1/accounts/main/messages",
                "{\"to\":\"Alice\",\"text\":\"yes\",\"quotedMsgId\":\"123\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(List.of(), validate("POST", SEND, unknown));

        HttpResponse<String> elsewhere = api.post("/api/v1/accounts/main/messages",
                "{\"to\":\"Bob\",\"text\":\"yes\",\"quotedMsgId\":\"" + quotedId + "\"}");
        assertEquals(400, elsewhere.statusCode(), elsewhere.body());
        assertEquals("INVALID_REQUEST", api.json(elsewhere).path("reason").asText());
        assertEquals(List.of(), validate("POST", SEND, elsewhere));
        assertEquals(List.of(), phone.sentMessages(), "nothing was sent");
    }

    /** The newest stored message of {@code chat} that {@code wanted} accepts; the store writes off the event's thread. */
    private JsonNode latest(String chat, Predicate<JsonNode> wanted) {
        return Await.value(() -> {
            HttpResponse<String> answer = api.get("/api/v1/accounts/main/chats/" + chat + "/messages?limit=10");
            assertEquals(200, answer.statusCode(), answer.body());
            for (JsonNode row : api.json(answer).path("messages")) {
                if (wanted.test(row)) return Optional.of(row);
            }
            return Optional.empty();
        }, "a stored message of " + chat, Duration.ofSeconds(15));
    }

    private List<String> validate(String method, String template, HttpResponse<String> answer) {
        return document.validate(method, template, answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(""), answer.body());
    }
}
