package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake in an http or llm action, or in the llm endpoints, is found when the rules load and named with its
 * full key and, for a typo, the key or value meant; a secret's value never appears in a message.
 */
class RemoteActionValidationTest {

    private static final String SECRET = "very-secret-value";
    private static final Environment ENV = Environment.of(Map.of("TOKEN", SECRET, "EMPTY", ""));
    private static final String URL = "url = \"https://api.example.com/ask\"";
    private static final String H = "plugins.auto-reply.http.";
    private static final String L = "plugins.auto-reply.llm.";

    private static List<String> httpProblems(String block, Placeholders placeholders) {
        List<InvalidSettingsException> problems = new ArrayList<>();
        Optional<HttpAction> action = HttpAction.read(Fixtures.settings("http {" + block + "}").section("http"),
                HttpAction.Limits.DEFAULTS, placeholders, ENV, problems);
        assertEquals(problems.isEmpty(), action.isPresent());
        return problems.stream().map(Throwable::getMessage).toList();
    }

    static Stream<Arguments> httpMistakes() {
        return Stream.of(
                bad(URL + ", answr = /a", H + "answr: unknown key; did you mean answer?"),
                bad(URL + ", on_error = x", H + "on_error: unknown key; did you mean on-error?"),
                bad("answer = /a", H + "url: is required"),
                bad("url = \"ftp://example.com/x\"", H + "url: 'ftp://example.com/x' must start with http:// or https://"),
                bad("url = \"example.com/x\"", H + "url: 'example.com/x' is not an absolute http:// or https:// URL"),
                bad("url = \"https://exa mple.com/\"", H + "url: 'https://exa mple.com/' is not a valid URL: Illegal character"),
                bad("url = \"https://{text}.example.com/\"", H + "url: placeholders may stand in the path and query only"),
                bad("url = \"https://user:pw@example.com/\"", H + "url: must not carry a user name or password"),
                bad("url = \"https://example.com/{sendr}\"", H + "url: unknown placeholder {sendr}; did you mean {sender}?"),
                bad(URL + ", method = PSOT", H + "method: must be one of GET, POST, PUT, PATCH, DELETE; did you mean POST?"),
                bad(URL + ", method = GET, body { a = b }", H + "body: a GET request has no body"),
                bad(URL + ", answer = \"data/answer\"", H + "answer: 'data/answer' is not a JSON pointer"),
                bad(URL + ", timeout = 5parsecs", H + "timeout: "),
                bad(URL + ", timeout = 0s", H + "timeout: must be longer than 0s"),
                bad(URL + ", timeout = 10m", H + "timeout: must be at most 5m"),
                bad(URL + ", max-response-size = 64KiBs", H + "max-response-size: '64KiBs' is not a size"),
                bad(URL + ", max-response-size = 1GiB", H + "max-response-size: '1GiB' is not a size"),
                bad(URL + ", max-response-size = 64MiB", H + "max-response-size: must be at most 16 MiB"),
                bad(URL + ", reply = \"{answer}\"", H + "reply: uses {answer} but no answer"),
                bad(URL + ", answer = /a, reply = \"{anwser}\"", H + "reply: unknown placeholder {anwser}; did you mean {answer}?"),
                bad(URL + ", body { q = \"{txt}\" }", H + "body.q: unknown placeholder {txt}; did you mean {text}?"),
                bad(URL + ", body { list = [\"{1}\"] }", H + "body.list.0: {1} needs capture group 1"),
                bad(URL + ", headers { \"Bad Name\" = x }", H + "headers.\"Bad Name\": is not a valid header name"),
                bad(URL + ", headers { Host = x }", H + "headers.Host: is set by the bot itself"),
                bad(URL + ", headers { X = \"{env:MISSING}\" }", H + "headers.X: uses the environment variable MISSING,"
                        + " which is not set in the bot's environment"),
                bad(URL + ", headers { X = \"{env:EMPTY}\" }", H + "headers.X: uses the environment variable EMPTY, which is empty"),
                bad(URL + ", headers { X = \"{env:not a name}\" }", H + "headers.X: {env:not a name} does not name an environment variable"),
                bad(URL + ", reply = \"{env:TOKEN}\"", H + "reply: unknown placeholder {env:TOKEN}", "read only in url, headers and body"),
                bad(URL + ", on-error = \"\"", H + "on-error: must not be empty"));
    }

    private static Arguments bad(String block, String... expected) {
        return Arguments.of(block, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpMistakes")
    void everyMistakeOfAnHttpActionIsReportedWithItsKey(String block, List<String> expected) {
        List<String> problems = httpProblems(block, Placeholders.NONE);
        assertEquals(1, problems.size(), problems.toString());
        for (String part : expected) assertTrue(problems.getFirst().contains(part), problems.getFirst());
    }

    @Test
    void everyProblemOfOneActionIsReportedAtOnce() {
        List<String> problems = httpProblems("urll = x, method = FETCH, answer = nope, timeout = -1s", Placeholders.NONE);
        assertEquals(5, problems.size(), String.join("\n", problems));
    }

    @Test
    void aResolvedSecretNeverAppearsInAProblem() {
        List<String> problems = httpProblems("url = \"ftp://example.com/{env:TOKEN}\"", Placeholders.NONE);
        assertEquals(1, problems.size());
        assertFalse(problems.getFirst().contains(SECRET), problems.getFirst());
        assertTrue(problems.getFirst().contains("{env:TOKEN}"), problems.getFirst());
    }

    @Test
    void captureGroupsOfTheTriggerMayBeUsed() {
        assertEquals(List.of(), httpProblems("url = \"https://w.example.com/{1}?c={city}\", body { q = \"{0}\" }",
                new Placeholders(1, Set.of("city"), Trigger.MESSAGE_FIELDS)));
    }

    @Test
    void theLimitsBlockIsCheckedToo() {
        PluginSettings limits = Fixtures.settings("http-limits { timeout = 2s, max-respons-size = 1KiB }")
                .section("http-limits");
        InvalidSettingsException problem = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingsException.class,
                () -> HttpAction.Limits.read(limits));
        assertEquals("plugins.auto-reply.http-limits.max-respons-size: unknown key; did you mean max-response-size?",
                problem.getMessage());
        assertEquals(new HttpAction.Limits(java.time.Duration.ofSeconds(2), 1024),
                HttpAction.Limits.read(Fixtures.settings("l { timeout = 2s, max-response-size = 1KiB }").section("l")));
    }

    private static final String ENDPOINT = "default { base-url = \"http://127.0.0.1:11434/v1\", model = m }";

    private static List<String> llmProblems(String endpoints, String action) {
        List<InvalidSettingsException> problems = new ArrayList<>();
        LlmEndpoints read = LlmEndpoints.read(Fixtures.settings("llm {" + endpoints + "}").section("llm"), ENV, problems);
        LlmAction.read(Fixtures.settings("act {" + action + "}").section("act"), read, Placeholders.NONE, problems);
        return problems.stream().map(Throwable::getMessage).toList();
    }

    static Stream<Arguments> llmMistakes() {
        String a = "plugins.auto-reply.act.";
        return Stream.of(
                llm(ENDPOINT, "endpoint = defualt", a + "endpoint: no LLM endpoint is called 'defualt'; did you mean default?"),
                llm("", "", a + "endpoint: no LLM endpoint is configured"),
                llm("hosted { base-url = \"http://x\", model = m }, local { base-url = \"http://y\", model = m }", "",
                        a + "endpoint: is required: name one of the llm block's endpoints: hosted, local"),
                llm(ENDPOINT, "system_prompt = x", a + "system_prompt: unknown key; did you mean system-prompt?"),
                llm(ENDPOINT, "memory { turn = 3 }", a + "memory.turn: unknown key; did you mean turns?"),
                llm(ENDPOINT, "memory { turns = 1000 }", a + "memory.turns: must be between 0 and 100"),
                llm(ENDPOINT, "memory { idle = 0s }", a + "memory.idle: must be longer than 0s"),
                llm(ENDPOINT, "memory { end-phrases = [bye, \"\"] }", a + "memory.end-phrases.1: must not be empty"),
                llm(ENDPOINT, "caps { tokens-per-day = 0 }", a + "caps.tokens-per-day: must be at least 1"),
                llm(ENDPOINT, "caps { tokens-per-dya = 10 }",
                        a + "caps.tokens-per-dya: unknown key; did you mean tokens-per-day?"),
                llm(ENDPOINT, "caps { cost-per-day = 2 }", a + "caps.cost-per-day: needs the model's prices"),
                llm(ENDPOINT, "caps { cost-per-day = two, price-per-1k-prompt-tokens = 1 }",
                        a + "caps.cost-per-day: 'two' is not a number"),
                llm(ENDPOINT, "temperature = 3", a + "temperature: must be between 0 and 2"),
                llm(ENDPOINT, "max-tokens = 0", a + "max-tokens: must be between 1 and 1000000"),
                llm(ENDPOINT, "prompt = \"{txt}\"", a + "prompt: unknown placeholder {txt}; did you mean {text}?"),
                llm("default { base-url = \"ftp://x/v1\", model = m }", "",
                        L + "default.base-url: 'ftp://x/v1' must start with http:// or https://"),
                llm("default { base-url = \"http://x/v1\" }", "", L + "default.model: is required"),
                llm("default { base-url = \"http://x/v1\", model = m, api-key = sk-123 }", "",
                        L + "default.api-key: an API key is never written in the configuration; put it in an environment"
                                + " variable and name that: api-key-env = OPENAI_API_KEY"),
                llm("default { base-url = \"http://x/v1\", model = m, api-key-env = OPENAI_API_KEY }", "",
                        L + "default.api-key-env: the environment variable OPENAI_API_KEY is not set"),
                llm("default { base-url = \"http://x/v1\", model = m, api-key-env = \"sk-abc-123\" }", "",
                        L + "default.api-key-env: names the environment variable that holds the key"),
                llm("default { base-url = \"http://x/v1\", model = m, timeout = 1h }", "",
                        L + "default.timeout: must be at most 5m"),
                llm("default = \"http://x/v1\"", "", L + "default: must be a block"));
    }

    private static Arguments llm(String endpoints, String action, String expected) {
        return Arguments.of(endpoints, action, expected);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("llmMistakes")
    void everyMistakeOfAnLlmActionOrEndpointIsReportedWithItsKey(String endpoints, String action, String expected) {
        List<String> problems = llmProblems(endpoints, action);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), String.join("\n", problems));
        assertTrue(problems.size() <= 2, "one problem, and at most the action's note about its endpoint: " + problems);
    }

    @Test
    void anActionNamingAnInvalidEndpointSaysSoOnce() {
        List<String> problems = llmProblems("default { base-url = \"http://x/v1\" }", "endpoint = default");
        assertEquals(List.of("plugins.auto-reply.llm.default.model: is required but not set",
                "plugins.auto-reply.act.endpoint: the LLM endpoint 'default' is not valid; its own error says why"),
                problems);
    }
}
