package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.PluginJar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes the console's insight pages read: the chain's order, a plugin's configuration with its secrets masked,
 * one message's trace by its MsgId (a disabled plugin's step, a handler's explanation), and the health view.
 */
class InsightApiEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private BotServer server;
    private ApiCalls api;
    private final OpenApiDocument document = OpenApiDocument.load();

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.plugin("echo").handler("Echo", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply(text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(plugins, "echo.jar");
        PluginJar.plugin("greeter").handler("Greeter", """
                context.explain("no greeting rule for this text");
                return Outcome.CONTINUE;""", """
                public Phase phase() { return Phase.GUARD; }
                public int priority() { return 7; }""")
                .referenceConf("plugins.greeter { greeting = hello, api-token = \"\", keywords = [hi, hey] }")
                .writeTo(plugins, "greeter.jar");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot.accounts { main {} }
                plugins.greeter { api-token = "s3cret-value", from-env = ${?PATH}, headers { Authorization = "Bearer xyz" } }
                """);
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    private JsonNode ok(String method, String template, HttpResponse<String> answer) throws Exception {
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(List.of(), document.validate(method, template, 200,
                answer.headers().firstValue("Content-Type").orElse(""), answer.body()));
        return api.json(answer);
    }

    @Test
    void thePluginListShowsTheChainInTheOrderItRuns() throws Exception {
        JsonNode body = ok("GET", "/api/v1/plugins", api.get("/api/v1/plugins"));
        List<String> chain = new ArrayList<>();
        body.path("chain").forEach(link -> chain.add(link.path("plugin").asText() + " " + link.path("phase").asText()
                + " " + link.path("priority").asInt() + " " + link.path("handler").asText()));
        assertEquals(List.of("greeter GUARD 7 Greeter", "echo MAIN 0 Echo"), chain);
    }

    @Test
    void theConfigurationShowsDefaultsAndTheOperatorsValuesWithSecretsMasked() throws Exception {
        HttpResponse<String> answer = api.get("/api/v1/plugins/greeter/config");
        JsonNode body = ok("GET", "/api/v1/plugins/{plugin}/config", answer);
        JsonNode config = body.path("config");
        assertEquals("hello", config.path("greeting").asText(), "a default of the plugin's reference.conf");
        assertEquals("hi", config.path("keywords").get(0).asText(), "keywords is no key: not masked");
        assertEquals(ConfigMask.MASK, config.path("api-token").asText());
        assertEquals(ConfigMask.MASK, config.path("headers").path("Authorization").asText());
        assertEquals(ConfigMask.MASK, config.path("from-env").asText(), "a value from the environment");
        assertFalse(answer.body().contains("s3cret-value"), answer.body());
        assertFalse(answer.body().contains("Bearer xyz"), answer.body());
        assertFalse(answer.body().contains(System.getenv("PATH")), "the environment's value leaked");
        assertEquals(List.of("api-token", "from-env", "headers.Authorization"), texts(body.path("masked")));
        assertEquals(404, api.get("/api/v1/plugins/nope/config").statusCode());
    }

    @Test
    void aMessagesTraceByItsMsgIdShowsTheDisabledPluginAndTheExplanation() throws Exception {
        ok("POST", "/api/v1/plugins/{plugin}/disable", api.post("/api/v1/plugins/echo/disable", ""));
        alice.sendText("is anyone there?");
        JsonNode listed = Await.value(() -> {
            JsonNode traces = api.json(api.get("/api/v1/traces?account=main&chat=Alice"));
            for (JsonNode trace : traces.path("traces")) {
                if (trace.path("text").asText().equals("is anyone there?")) return Optional.of(trace);
            }
            return Optional.empty();
        }, "the trace of Alice's message", Duration.ofSeconds(15));

        String msgId = listed.path("msgId").asText();
        JsonNode trace = ok("GET", "/api/v1/traces/{account}/{msgId}", api.get("/api/v1/traces/main/" + msgId));

        assertEquals("Alice", trace.path("sender").asText());
        assertFalse(trace.path("replied").asBoolean());
        JsonNode greeter = trace.path("steps").get(0);
        assertEquals("greeter CONTINUED no greeting rule for this text", greeter.path("plugin").asText() + " "
                + greeter.path("outcome").asText() + " " + greeter.path("detail").asText());
        JsonNode echo = trace.path("steps").get(1);
        assertEquals("echo DISABLED disabled by the operator", echo.path("plugin").asText() + " "
                + echo.path("outcome").asText() + " " + echo.path("detail").asText());
        HttpResponse<String> unknown = api.get("/api/v1/traces/main/123456789");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void healthShowsEachAccountsSendGovernorAndTheProcess() throws Exception {
        alice.sendText("ping");
        assertEquals("ping", phone.awaitSentMessage(Duration.ofSeconds(15)).content(), "the echo");
        JsonNode health = ok("GET", "/api/v1/health", api.get("/api/v1/health"));
        assertTrue(health.path("uptimeSeconds").asLong() >= 0);
        assertTrue(health.path("memory").path("heapUsedBytes").asLong() > 0, health.toString());
        JsonNode main = health.path("accounts").get(0);
        assertEquals("main ONLINE", main.path("id").asText() + " " + main.path("state").asText());
        assertEquals(1.0, main.path("send").path("rateFraction").asDouble(), health.toString());
        assertEquals(0, main.path("send").path("queued").asInt(), health.toString());
        assertEquals(0, main.path("throttles").asLong());
        assertEquals(2, health.path("plugins").path("active").asInt());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
