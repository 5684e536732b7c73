package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webwxbot.testkit.PluginTestKit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code http} and {@code llm} actions wired into rules, end to end: a friend's message in the emulated WeChat,
 * a call to a local web service or OpenAI-compatible stub started by the test, and the answer in the chat. What the
 * actions do inside (limits, caps, memory, failures) is tested with their own classes.
 */
class RemoteActionsInChatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HTTP_CALLS = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> LLM_REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").build();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/weather", exchange -> {
            HTTP_CALLS.add(exchange.getRequestURI().getRawQuery());
            answer(exchange, "{\"data\": {\"today\": \"sunny, 21°C\"}}");
        });
        server.createContext("/v1/chat/completions", exchange -> {
            LLM_REQUESTS.add(JSON.readTree(exchange.getRequestBody()));
            answer(exchange, "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"Tea, of course.\"}}],"
                    + " \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 4}}");
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void anHttpActionAnswersWithAFieldOfTheServicesJson() {
        bot.reconfigure("plugins.auto-reply.rules = [{ regex = \"^weather (?P<city>.+)$\", actions = [{ http {"
                + " url = \"" + base() + "/weather?city={city}\", answer = \"/data/today\","
                + " reply = \"{city}: {answer}\" } }] }]");
        bot.friend("Alice").says("weather São Paulo").expectReply().hasText("São Paulo: sunny, 21°C");
        assertEquals(List.of("city=S%C3%A3o%20Paulo"), HTTP_CALLS);
    }

    @Test
    void anLlmActionAsksTheModelWithTheSystemPromptAndHoldsTheConversationUntilItsEndPhrase() {
        bot.reconfigure("""
                plugins.auto-reply {
                  llm { local { base-url = "%s/v1", model = "tiny-test-model" } }
                  rules = [{ keyword = "assistant", actions = [{ llm {
                    system-prompt = "You help {sender}. Be brief."
                    memory { end-phrases = [bye], end-reply = "Bye!" } } }] }]
                }""".formatted(base()));
        bot.friend("Bob").says("assistant: what should I drink?").expectReply().hasText("Tea, of course.");
        JsonNode request = LLM_REQUESTS.getLast();
        assertEquals("tiny-test-model", request.path("model").asText());
        assertEquals("system", request.path("messages").path(0).path("role").asText());
        assertEquals("You help Bob. Be brief.", request.path("messages").path(0).path("content").asText());
        assertEquals("assistant: what should I drink?", request.path("messages").path(1).path("content").asText());

        bot.friend("Bob").says("and later?").expectReply().hasText("Tea, of course.");
        JsonNode second = LLM_REQUESTS.getLast();
        assertEquals(4, second.path("messages").size(), "the system prompt, the first turn, the follow-up: " + second);
        assertEquals("Tea, of course.", second.path("messages").path(2).path("content").asText(), second.toString());
        assertEquals("and later?", second.path("messages").path(3).path("content").asText(), second.toString());

        int asked = LLM_REQUESTS.size();
        bot.friend("Bob").says("bye").expectReply().hasText("Bye!");
        bot.friend("Bob").says("and now?").expectNoReply();
        assertEquals(asked, LLM_REQUESTS.size(), "the end phrase and what follows it are not sent to the model");
    }
}
