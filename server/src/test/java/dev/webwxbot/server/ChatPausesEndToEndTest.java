package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.PluginJar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's paused chats through the HTTP API, with an echo plugin: the owner typing from the phone shows as a
 * paused chat; the operator pauses and resumes a chat; the plugin does not answer in a paused chat while the
 * operator's own send goes out; an account's own {@code safety} block turns takeover off for it alone.
 */
class ChatPausesEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Contact bob;
    private BotServer server;
    private ApiCalls api;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        bob = phone.addFriend("Bob");
        PluginJar.plugin("echo").handler("Echo", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply(text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(Files.createDirectories(dir.resolve("plugins")), "echo.jar");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    private void startDaemon(String accountBlock) throws Exception {
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"),
                "webwx-bot.accounts { main { " + accountBlock + " } }");
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
    }

    private JsonNode paused() throws Exception {
        HttpResponse<String> answer = api.get("/api/v1/accounts/main/chats/paused");
        assertEquals(200, answer.statusCode(), answer.body());
        return api.json(answer).get("paused");
    }

    @Test
    void theOwnerTypingFromThePhoneShowsAsAPausedChatAndTheOperatorResumesIt() throws Exception {
        startDaemon("");
        phone.phone().sendText(alice, "I am on it");
        JsonNode pause = Await.value(() -> {
            JsonNode list = paused();
            return list.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(list.get(0));
        }, "Alice's chat paused by the owner", WAIT);
        assertEquals("OWNER_WROTE", pause.get("cause").asText());
        assertEquals(alice.userName(), pause.at("/chat/id").asText());
        assertTrue(pause.get("explanation").asText().startsWith("the owner wrote in chat 'Alice'"), pause.toString());

        Await.until(() -> api.get("/api/v1/traces?account=main&limit=50").body()
                .contains("\"event\":\"safety.chat-paused\""), "the plugins handed the ChatPaused event", WAIT);

        alice.sendText("hello?");
        bob.sendText("hello bot");
        SentMessage answer = phone.awaitSentMessage(WAIT);
        assertEquals(bob.userName(), answer.toUserName(), "only Alice's chat is paused");

        HttpResponse<String> operator = api.post("/api/v1/accounts/main/messages",
                "{\"to\":\"Alice\",\"text\":\"the operator writes\"}");
        assertEquals(200, operator.statusCode(), operator.body());
        SentMessage fromOperator = phone.awaitSentMessage(WAIT);
        assertEquals("the operator writes", fromOperator.content(), "Alice's 'hello?' got no answer");

        HttpResponse<String> resumed = api.post("/api/v1/accounts/main/chats/Alice/resume", "");
        assertEquals(200, resumed.statusCode(), resumed.body());
        assertTrue(api.json(resumed).get("resumed").asBoolean());
        assertEquals(0, paused().size());
        alice.sendText("and now?");
        assertEquals("and now?", phone.awaitSentMessage(WAIT).content());
    }

    @Test
    void theOperatorPausesAChatThroughTheApi() throws Exception {
        startDaemon("");
        HttpResponse<String> answer = api.post("/api/v1/accounts/main/chats/Bob/pause", "{\"minutes\":30}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode pause = api.json(answer);
        assertEquals("OPERATOR", pause.get("cause").asText());
        assertTrue(pause.hasNonNull("until"), pause.toString());
        assertEquals(bob.userName(), paused().get(0).at("/chat/id").asText());

        bob.sendText("ping");
        String traces = "/api/v1/traces?account=main&limit=1&chat=Bob";
        String trace = Await.value(() -> {
            String body = api.get(traces).body();
            return body.contains("PAUSED") ? java.util.Optional.of(body) : java.util.Optional.empty();
        }, "the trace of Bob's ping, its echo step PAUSED", WAIT);
        assertTrue(trace.contains("OPERATOR: the operator paused the bot in chat 'Bob'"), trace);
        alice.sendText("still here");
        assertEquals("still here", phone.awaitSentMessage(WAIT).content(), "Bob's ping got no answer; Alice's did");

        HttpResponse<String> unknown = api.post("/api/v1/accounts/main/chats/Nobody/pause", "");
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> zero = api.post("/api/v1/accounts/main/chats/Bob/pause", "{\"minutes\":0}");
        assertEquals(400, zero.statusCode(), zero.body());
    }

    @Test
    void anAccountsOwnSafetyBlockTurnsTakeoverOffForIt() throws Exception {
        startDaemon("safety.takeover.enabled = false");
        phone.phone().sendText(alice, "typed on the phone");
        alice.sendText("hi");
        assertEquals("hi", phone.awaitSentMessage(WAIT).content(), "answered: no takeover");
        assertEquals(0, paused().size());
    }
}
