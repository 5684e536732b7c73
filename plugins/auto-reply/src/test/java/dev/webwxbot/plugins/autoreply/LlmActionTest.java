package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The llm action against an OpenAI-compatible server the test runs: the request it sends, the memory of a
 * conversation and how it ends, the caps, and every way the server can fail.
 */
class LlmActionTest {

    private static final String KEY = "sk-test-do-not-log-0123456789";
    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.of(2024, 5, 6, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final LlmAction.Conversation ALICE = new LlmAction.Conversation("default/@alice", "@alice");

    private final FakeWebServer server = FakeWebServer.start();
    private final RemoteCalls calls = new RemoteCalls();
    private final AtomicInteger answered = new AtomicInteger();
    private ZonedDateTime now = MONDAY_NOON;


    @AfterEach
    void stop() {
        calls.close();
        server.close();
    }

    /** The model answers "answer 1", "answer 2" … and reports the usage given. */
    private void modelAnswers(int promptTokens, int completionTokens) {
        server.answer(exchange -> FakeWebServer.json(200, "{\"id\": \"x\", \"choices\": [{\"index\": 0, \"message\":"
                + " {\"role\": \"assistant\", \"content\": \"answer " + answered.incrementAndGet() + "\"},"
                + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": " + promptTokens
                + ", \"completion_tokens\": " + completionTokens + "}}").answer(exchange));
    }

    private LlmAction action(String endpoint, String action) {
        return action(endpoint, action, Environment.of(Map.of("LLM_KEY", KEY)));
    }

    static LlmAction action(String endpoint, String action, Environment environment) {
        List<InvalidSettingsException> problems = new ArrayList<>();
        LlmEndpoints endpoints = LlmEndpoints.read(Fixtures.settings("llm {" + endpoint + "}").section("llm"),
                environment, problems);
        Optional<LlmAction> read = LlmAction.read(Fixtures.settings("llm {" + action + "}").section("llm"), endpoints,
                Placeholders.NONE, problems);
        assertEquals(List.of(), problems.stream().map(Throwable::getMessage).toList());
        return read.orElseThrow();
    }

    private String local() {
        return "local { base-url = \"" + server.base() + "/v1\", model = \"qwen2.5:7b\" }";
    }

    private Optional<String> say(LlmAction action, LlmAction.Conversation conversation, String sender, String text) {
        return action.run(HttpActionTest.message(sender, text, now), conversation, calls);
    }

    private static List<String> roles(JsonNode request) {
        List<String> lines = new ArrayList<>();
        request.get("messages").forEach(m -> lines.add(m.get("role").asText() + ": " + m.get("content").asText()));
        return lines;
    }

    private JsonNode lastRequest() throws IOException {
        return HttpAction.JSON.readTree(server.lastRequest().body());
    }

    @Test
    void sendsTheModelTheSystemPromptTheRememberedTurnsInOrderAndTheLimits() throws IOException {
        modelAnswers(10, 5);
        LlmAction action = action(local() + ", hosted { base-url = \"https://api.example.invalid/v1\", model = m }",
                "endpoint = local, system-prompt = \"You help {sender}.\", max-tokens = 64, temperature = 0.2");

        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "hello"));
        assertEquals(Optional.of("answer 2"), say(action, ALICE, "Alice", "how are you?"));
        assertEquals(Optional.of("answer 3"), say(action, ALICE, "Alice", "and now?"));

        FakeWebServer.Request http = server.lastRequest();
        assertEquals("POST", http.method());
        assertEquals("/v1/chat/completions", http.rawPathAndQuery());
        assertFalse(http.headers().containsKey("authorization"), "no key configured, no Authorization header");
        JsonNode request = lastRequest();
        assertEquals("qwen2.5:7b", request.get("model").asText());
        assertEquals(64, request.get("max_tokens").asInt());
        assertEquals(0.2, request.get("temperature").asDouble());
        assertFalse(request.get("stream").asBoolean());
        assertEquals(List.of("system: You help Alice.", "user: hello", "assistant: answer 1", "user: how are you?",
                "assistant: answer 2", "user: and now?"), roles(request));
    }

    @Test
    void sendsTheKeyFromTheEnvironmentAsBearerAndNeverLogsIt() throws IOException {
        LlmAction action = action("default { base-url = \"" + server.base() + "/v1/\", model = gpt-4o-mini,"
                + " api-key-env = LLM_KEY, max-tokens = 100 }", "unavailable = \"Not available now.\"");
        modelAnswers(1, 1);
        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "hi"));
        assertEquals("Bearer " + KEY, server.lastRequest().headers().get("authorization"));
        assertEquals(100, lastRequest().get("max_tokens").asInt());
        assertFalse(lastRequest().has("temperature"), "unset: the server's default");

        server.answer(FakeWebServer.json(401, "{\"error\": {\"message\": \"bad key " + KEY + "\"}}"));
        try (CapturedLogs logs = CapturedLogs.attach()) {
            assertEquals(Optional.of("Not available now."), say(action, ALICE, "Alice", "hi again"));
            assertEquals(List.of("auto-reply: llm endpoint 'default' (gpt-4o-mini at " + server.base()
                    + "/v1/chat/completions) is unavailable: status 401 (is the API key in api-key-env right?);"
                    + " answered with unavailable"), logs.at(Level.WARN));
            assertFalse(logs.all().contains(KEY));
        }
        assertFalse(action.toString().contains(KEY), action.toString());
    }

    @Test
    void aConversationIsForgottenAfterTheIdleTime() throws IOException {
        modelAnswers(1, 1);
        LlmAction action = action(local(), "memory { turns = 5, idle = 10m }");
        say(action, ALICE, "Alice", "first");
        now = now.plusMinutes(10);
        say(action, ALICE, "Alice", "ten minutes later: still the same conversation");
        assertEquals(List.of("user: first", "assistant: answer 1", "user: ten minutes later: still the same conversation"),
                roles(lastRequest()));

        now = now.plusMinutes(10).plusSeconds(1);
        say(action, ALICE, "Alice", "a new conversation");
        assertEquals(List.of("user: a new conversation"), roles(lastRequest()));
    }

    @Test
    void anEndPhraseEndsTheConversationWithAConfirmationAndIsNotSentToTheModel() throws IOException {
        modelAnswers(1, 1);
        LlmAction action = action(local(), "memory { end-phrases = [bye, \"结束对话\"], end-reply = \"Bye, I forgot it all.\" }");
        say(action, ALICE, "Alice", "remember 42");

        assertEquals(Optional.of("Bye, I forgot it all."), say(action, ALICE, "Alice", "  BYE "));
        assertEquals(1, server.requests().size(), "the end phrase is not sent to the model");

        say(action, ALICE, "Alice", "what did I say?");
        assertEquals(List.of("user: what did I say?"), roles(lastRequest()));
        assertEquals(Optional.of("Bye, I forgot it all."), say(action, ALICE, "Alice", "结束对话"));
        assertEquals(Optional.of("answer 3"), say(action, ALICE, "Alice", "bye bye, not an end phrase"),
                "the whole message must be the phrase");
    }

    @Test
    void inAGroupEachPersonHasAConversationOfTheirOwn() throws IOException {
        modelAnswers(1, 1);
        LlmAction action = action(local(), "system-prompt = \"Be brief.\"");
        LlmAction.Conversation carolInFamily = new LlmAction.Conversation("default/@@family", "@carol");
        LlmAction.Conversation daveInFamily = new LlmAction.Conversation("default/@@family", "@dave");

        say(action, carolInFamily, "Carol", "I am Carol");
        say(action, daveInFamily, "Dave", "I am Dave");
        say(action, carolInFamily, "Carol", "who am I?");

        assertEquals(List.of("system: Be brief.", "user: I am Carol", "assistant: answer 1", "user: who am I?"),
                roles(lastRequest()));
        assertEquals(List.of("system: Be brief.", "user: I am Dave"),
                roles(HttpAction.JSON.readTree(server.requests().get(1).body())));
    }

    @Test
    void onlyTheLastTurnsAreSent() throws IOException {
        modelAnswers(1, 1);
        LlmAction action = action(local(), "memory { turns = 2 }");
        for (int i = 1; i <= 4; i++) say(action, ALICE, "Alice", "message " + i);
        assertEquals(List.of("user: message 2", "assistant: answer 2", "user: message 3", "assistant: answer 3",
                "user: message 4"), roles(lastRequest()));
    }

    @Test
    void aChatOverItsDailyTokenCapGetsTheOverCapTextOnceThenSilenceUntilTheNextDay() {
        modelAnswers(600, 400); // 1000 tokens a call
        LlmAction action = action(local(), "caps { tokens-per-chat-per-day = 2000 },"
                + " over-cap = \"That is enough for today.\"");
        LlmAction.Conversation bob = new LlmAction.Conversation("default/@bob", "@bob");

        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "1"));
        assertEquals(Optional.of("answer 2"), say(action, ALICE, "Alice", "2"));
        assertEquals(Optional.of("That is enough for today."), say(action, ALICE, "Alice", "3"));
        assertEquals(Optional.empty(), say(action, ALICE, "Alice", "4"));
        assertEquals(2, server.requests().size(), "a capped chat does not call the model");
        assertEquals(Optional.of("answer 3"), say(action, bob, "Bob", "another chat has its own cap"));

        now = now.plusDays(1).withHour(0);
        assertEquals(Optional.of("answer 4"), say(action, ALICE, "Alice", "a new day"));
    }

    @Test
    void theDailyTokenCapCountsEveryChat() {
        modelAnswers(50, 50);
        LlmAction action = action(local(), "caps { tokens-per-day = 200 }, over-cap = enough");
        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "1"));
        assertEquals(Optional.of("answer 2"), say(action, new LlmAction.Conversation("default/@bob", "@bob"), "Bob", "2"));
        assertEquals(Optional.of("enough"), say(action, new LlmAction.Conversation("default/@carl", "@carl"), "Carl", "3"));
    }

    @Test
    void theDailyCostCapUsesThePricesOfPromptAndCompletionTokens() {
        modelAnswers(1000, 1000); // 1000 × 0.001/1k + 1000 × 0.002/1k = 0.003 a call
        LlmAction action = action(local(), "caps { cost-per-day = 0.006, price-per-1k-prompt-tokens = 0.001,"
                + " price-per-1k-completion-tokens = 0.002 }, over-cap = \"Budget spent.\"");
        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "1"));
        assertEquals(Optional.of("answer 2"), say(action, new LlmAction.Conversation("default/@bob", "@bob"), "Bob", "2"));
        assertEquals(Optional.of("Budget spent."), say(action, ALICE, "Alice", "3"));
    }

    @Test
    void withoutUsageInTheAnswerTokensAreEstimatedForTheCaps() {
        server.answer(FakeWebServer.json(200, "{\"choices\": [{\"message\": {\"content\": \"你好世界\"}}]}"));
        // prompt: (4 + 2 for "abcdefgh") + (4 + 2 for 你好) = 12; completion: 4 Han characters = 4; 16 in all
        LlmAction capAt16 = action(local(), "system-prompt = abcdefgh, caps { tokens-per-chat-per-day = 16 },"
                + " over-cap = capped");
        LlmAction capAt17 = action(local(), "system-prompt = abcdefgh, caps { tokens-per-chat-per-day = 17 },"
                + " over-cap = capped");
        assertEquals(Optional.of("你好世界"), say(capAt16, ALICE, "Alice", "你好"));
        assertEquals(Optional.of("你好世界"), say(capAt17, ALICE, "Alice", "你好"));

        assertEquals(Optional.of("capped"), say(capAt16, ALICE, "Alice", "你好"));
        assertEquals(Optional.of("你好世界"), say(capAt17, ALICE, "Alice", "你好"));
    }

    @Test
    void theBaseUrlMayComeFromTheEnvironmentAndMayNameTheCompletionsPathItself() {
        modelAnswers(1, 1);
        LlmAction action = action("gw { base-url = \"{env:LLM_BASE}/chat/completions\", model = m }",
                "unavailable = sorry", Environment.of(Map.of("LLM_BASE", server.base() + "/gateway/v1")));
        assertEquals(Optional.of("answer 1"), say(action, ALICE, "Alice", "hi"));
        assertEquals("/gateway/v1/chat/completions", server.lastRequest().rawPathAndQuery());
        assertTrue(action.toString().contains("{env:LLM_BASE}/chat/completions"), action.toString());
    }

    @Test
    void aReasoningModelsThinkingIsNotSent() {
        server.answer(FakeWebServer.json(200, "{\"choices\": [{\"message\": {\"content\":"
                + " \"<think>\\nThe user greets me.\\n</think>\\n\\nHello!\"}}]}"));
        assertEquals(Optional.of("Hello!"), say(action(local(), ""), ALICE, "Alice", "hi"));
    }

    @Test
    void aSlowServerGetsTheUnavailableTextWithinTheTimeOut() throws IOException {
        server.answer(server.never());
        LlmAction action = action("local { base-url = \"" + server.base() + "/v1\", model = m, timeout = 300ms }",
                "unavailable = \"The assistant is not available right now.\"");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            long start = System.nanoTime();
            Optional<String> reply = say(action, ALICE, "Alice", "hi");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(Optional.of("The assistant is not available right now."), reply);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "waited " + took);
            assertEquals(List.of("auto-reply: llm endpoint 'local' (m at " + server.base() + "/v1/chat/completions)"
                    + " is unavailable: no answer within 300ms; answered with unavailable"), logs.at(Level.WARN));
        }
        modelAnswers(1, 1);
        say(action, ALICE, "Alice", "again");
        assertEquals(List.of("user: again"), roles(lastRequest()), "a failed turn is not remembered");
    }

    @Test
    void aServerThatIsDownMalformedOrEmptyGetsTheUnavailableTextEachLoggedOnce() throws IOException {
        String down = FakeWebServer.downBase();
        LlmAction offline = action("local { base-url = \"" + down + "/v1\", model = m }", "unavailable = sorry");
        LlmAction action = action(local(), "unavailable = sorry");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            assertEquals(Optional.of("sorry"), say(offline, ALICE, "Alice", "hi"));
            server.answer(FakeWebServer.json(200, "{\"choices\": [{\"message\": {\"content\": \"cut off"));
            assertEquals(Optional.of("sorry"), say(action, ALICE, "Alice", "hi"));
            server.answer(FakeWebServer.json(200, "{\"choices\": []}"));
            assertEquals(Optional.of("sorry"), say(action, ALICE, "Alice", "hi"));
            server.answer(FakeWebServer.json(200, "{\"choices\": [{\"message\": {\"content\": \"  \"}}]}"));
            assertEquals(Optional.of("sorry"), say(action, ALICE, "Alice", "hi"));
            server.answer(FakeWebServer.json(500, "{}"));
            assertEquals(Optional.of("sorry"), say(action, ALICE, "Alice", "hi"));

            List<String> reasons = logs.at(Level.WARN).stream()
                    .map(line -> line.replaceAll(".* is unavailable: (.*); answered with unavailable", "$1")).toList();
            assertEquals(List.of("could not connect (is the server running?)", "the answer is not JSON",
                    "the answer has no choices", "the model answered an empty text", "status 500"), reasons);
        }
    }
}
