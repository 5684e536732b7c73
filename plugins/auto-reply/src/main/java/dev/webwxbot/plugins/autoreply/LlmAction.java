package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.part;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code llm} action: answers with an OpenAI-compatible chat-completions model, remembering the last turns of
 * each conversation.
 *
 * <pre>{@code
 * { llm { endpoint = default, system-prompt = "You are the shop's assistant. Answer in two sentences.",
 *         memory { turns = 10, idle = 30m, end-phrases = ["bye", "结束对话"], end-reply = "Bye!" },
 *         caps { tokens-per-chat-per-day = 20000, tokens-per-day = 200000, cost-per-day = 2.00,
 *                price-per-1k-prompt-tokens = 0.00015, price-per-1k-completion-tokens = 0.0006 },
 *         unavailable = "The assistant is not available right now.",
 *         over-cap = "That is enough for today." } }
 * }</pre>
 *
 * <p>A conversation is one person's in one chat (in a one-to-one chat, the chat's): it starts with the first message
 * that reaches this action (the rule's trigger decides which do), goes on with each further one, and ends after
 * {@code memory.idle} without a message or when the person writes one of {@code memory.end-phrases} (the whole
 * message, case ignored), which is answered with {@code memory.end-reply} and not sent to the model.
 *
 * <p>Caps are checked before a call; a chat over one gets {@code over-cap} once a day, then silence. A failure
 * (server down, time-out, a status outside 2xx, a malformed answer or one without text) is logged once as a WARN,
 * without the key, and answered with {@code unavailable}. The memory and the counts live as long as this action:
 * until the rules are loaded again or the plugin stops. Thread-safe.
 */
final class LlmAction {

    static final Set<String> KEYS = RuleParts.orderedSet("endpoint", "system-prompt", "prompt", "memory", "caps",
            "unavailable", "over-cap", "max-tokens", "temperature");
    /** Reasoning models (DeepSeek-R1, QwQ …) served by Ollama or vLLM put their thinking first; it is not an answer. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");
    /** Scripts whose characters are about a token each; other text is about four characters a token. */
    private static final Set<Character.UnicodeScript> WIDE_SCRIPTS = Set.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);
    private static final Logger log = LoggerFactory.getLogger(LlmAction.class);

    private final LlmEndpoints.Endpoint endpoint;
    private final Optional<Template> systemPrompt;
    private final Template prompt;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final Set<String> endPhrases;
    private final Optional<String> endReply;
    private final Optional<String> unavailable;
    private final Optional<String> overCap;
    private final ConversationMemory memory;
    private final UsageCaps caps;

    private LlmAction(LlmEndpoints.Endpoint endpoint, Optional<Template> systemPrompt, Template prompt, int maxTokens,
                      OptionalDouble temperature, ConversationMemory.Settings memory, UsageCaps.Limits caps,
                      Optional<String> unavailable, Optional<String> overCap) {
        this.endpoint = endpoint;
        this.systemPrompt = systemPrompt;
        this.prompt = prompt;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.endPhrases = memory.endPhrases();
        this.endReply = memory.endReply();
        this.unavailable = unavailable;
        this.overCap = overCap;
        this.memory = new ConversationMemory(memory.turns(), memory.idle(), memory.maxConversations());
        this.caps = new UsageCaps(caps);
    }

    /**
     * Whose conversation a message belongs to.
     *
     * @param chatKey the account and the chat (caps per chat count it), by names that outlive a login
     * @param personKey the person who wrote, in that chat (in a one-to-one chat the chat's own person)
     */
    record Conversation(String chatKey, String personKey) {

        String memoryKey() {
            return chatKey + "\u0000" + personKey;
        }
    }

    /**
     * Reads one {@code llm { … }} block. Every problem is added to {@code problems}, each naming its key; the action
     * comes back only when there was none.
     *
     * @param endpoints the plugin's {@code llm} block, read by {@link LlmEndpoints#read}
     * @param placeholders what the rule's trigger captures, for {@code system-prompt} and {@code prompt}
     */
    static Optional<LlmAction> read(PluginSettings block, LlmEndpoints endpoints, Placeholders placeholders,
                                    List<InvalidSettingsException> problems) {
        int before = problems.size();
        problems.addAll(block.unknownKeys(KEYS));
        Optional<LlmEndpoints.Endpoint> endpoint = part(() -> endpoint(block, endpoints), problems);
        Optional<Template> system = block.has("system-prompt")
                ? part(() -> RemoteParts.template(block, "system-prompt", RuleParts.nonEmpty(block, "system-prompt"),
                        placeholders), problems) : Optional.empty();
        Optional<Template> prompt = part(() -> block.has("prompt")
                ? RemoteParts.template(block, "prompt", RuleParts.nonEmpty(block, "prompt"), placeholders)
                : Template.parse("{text}", -1, Set.of(), Trigger.MESSAGE_FIELDS), problems);
        Optional<Optional<Integer>> maxTokens = part(() -> block.has("max-tokens")
                ? Optional.of(LlmEndpoints.maxTokens(block, "max-tokens")) : Optional.<Integer>empty(), problems);
        Optional<OptionalDouble> temperature = part(() -> block.has("temperature")
                ? OptionalDouble.of(LlmEndpoints.temperature(block, "temperature")) : OptionalDouble.empty(), problems);
        Optional<ConversationMemory.Settings> memory = block.has("memory")
                ? part(() -> ConversationMemory.Settings.read(block.section("memory"), problems), problems)
                        .flatMap(m -> m)
                : Optional.of(ConversationMemory.Settings.DEFAULTS);
        Optional<UsageCaps.Limits> caps = block.has("caps")
                ? part(() -> UsageCaps.Limits.read(block.section("caps"), problems), problems).flatMap(c -> c)
                : Optional.of(UsageCaps.Limits.NONE);
        Optional<String> unavailable = optionalText(block, "unavailable", problems);
        Optional<String> overCap = optionalText(block, "over-cap", problems);
        if (problems.size() > before) return Optional.empty();
        LlmEndpoints.Endpoint chosen = endpoint.orElseThrow();
        return Optional.of(new LlmAction(chosen, system, prompt.orElseThrow(),
                maxTokens.orElseThrow().orElse(chosen.maxTokens()),
                temperature.orElseThrow().isPresent() ? temperature.orElseThrow() : chosen.temperature(),
                memory.orElseThrow(), caps.orElseThrow(), unavailable, overCap));
    }

    /** The endpoint named, or the only one, or {@code default}. */
    private static LlmEndpoints.Endpoint endpoint(PluginSettings block, LlmEndpoints endpoints) {
        Set<String> names = endpoints.names();
        String name;
        if (block.has("endpoint")) {
            name = RuleParts.nonEmpty(block, "endpoint").strip();
        } else if (names.size() == 1) {
            name = names.iterator().next();
        } else if (names.contains("default")) {
            name = "default";
        } else {
            throw new InvalidSettingsException(block.keyOf("endpoint"), names.isEmpty()
                    ? "no LLM endpoint is configured; add one to the plugin's llm block, such as"
                    + " llm { default { base-url = \"https://api.openai.com/v1\", model = \"gpt-4o-mini\","
                    + " api-key-env = OPENAI_API_KEY } }"
                    : "is required: name one of the llm block's endpoints: " + String.join(", ", names), block.origin());
        }
        if (!endpoints.has(name)) {
            throw block.invalid("endpoint", "no LLM endpoint is called '" + name + "'"
                    + RuleParts.suggestion(name, names).orElse(names.isEmpty() ? "; the llm block has none"
                            : "; the llm block has " + String.join(", ", names)));
        }
        return endpoints.named(name).orElseThrow(() -> block.invalid("endpoint", "the LLM endpoint '" + name
                + "' is not valid; its own error says why"));
    }

    private static Optional<String> optionalText(PluginSettings block, String key,
                                                 List<InvalidSettingsException> problems) {
        return block.has(key) ? part(() -> RuleParts.nonEmpty(block, key), problems) : Optional.empty();
    }

    /**
     * Whether {@code conversation} is going on (neither ended nor idle): the rule engine sends the person's further
     * texts in that chat to this action's rule even without its keyword.
     */
    boolean hasOpenConversation(Conversation conversation, Instant now) {
        return memory.isOpen(conversation.memoryKey(), now);
    }

    /**
     * Answers the message whose placeholders are {@code values} in {@code conversation}. Never throws for a remote
     * failure.
     *
     * @return the model's answer, {@code end-reply}, {@code over-cap} or {@code unavailable}; empty to say nothing
     */
    Optional<String> run(Template.TemplateValues values, Conversation conversation, RemoteCalls calls) {
        Instant now = values.now().toInstant();
        LocalDate today = values.now().toLocalDate();
        String key = conversation.memoryKey();
        if (endPhrases.contains(ConversationMemory.Settings.normalised(values.fields().getOrDefault("text", "")))) {
            memory.end(key);
            return endReply;
        }
        Optional<String> cap = caps.reached(conversation.chatKey(), today);
        if (cap.isPresent()) {
            log.debug("auto-reply: llm {} is over its {} cap", endpoint.name(), cap.get());
            return caps.firstRefusalToday(conversation.chatKey(), today) ? overCap : Optional.empty();
        }
        String userText = prompt.render(values);
        List<ConversationMemory.Turn> turns = memory.recall(key, now);
        ObjectNode request = request(values, turns, userText);
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.completions())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header("User-Agent", "webwx-bot auto-reply");
        endpoint.headers().forEach((name, value) -> http.setHeader(name, value.render(values, RemoteParts::headerSafe)));
        endpoint.apiKey().ifPresent(apiKey -> http.setHeader("Authorization", "Bearer " + apiKey));
        HttpRequest call = http.POST(HttpRequest.BodyPublishers.ofByteArray(
                request.toString().getBytes(StandardCharsets.UTF_8))).build();
        return switch (calls.exchange(call, endpoint.timeout(), endpoint.maxResponseBytes())) {
            case RemoteCalls.Failed failed -> unavailable(failed.reason());
            case RemoteCalls.Answered answered -> answer(answered.body(), request, conversation, today, now, userText);
        };
    }

    private ObjectNode request(Template.TemplateValues values, List<ConversationMemory.Turn> turns, String userText) {
        ObjectNode request = HttpAction.JSON.createObjectNode();
        request.put("model", endpoint.model());
        ArrayNode messages = request.putArray("messages");
        systemPrompt.ifPresent(system -> message(messages, "system", system.render(values)));
        for (ConversationMemory.Turn turn : turns) {
            message(messages, "user", turn.user());
            message(messages, "assistant", turn.assistant());
        }
        message(messages, "user", userText);
        request.put("max_tokens", maxTokens);
        temperature.ifPresent(t -> request.put("temperature", t));
        request.put("stream", false);
        return request;
    }

    private static void message(ArrayNode messages, String role, String content) {
        messages.addObject().put("role", role).put("content", content);
    }

    private Optional<String> answer(byte[] body, ObjectNode request, Conversation conversation, LocalDate today,
                                    Instant now, String userText) {
        JsonNode root;
        try {
            root = HttpAction.JSON.readTree(body);
        } catch (IOException e) {
            return unavailable("the answer is not JSON");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            return unavailable(root.path("choices").isArray() && root.path("choices").isEmpty()
                    ? "the answer has no choices" : "the answer has no choices[0].message.content text");
        }
        String text = THINKING.matcher(content.asText()).replaceFirst("").strip();
        if (text.isEmpty()) return unavailable("the model answered an empty text");
        JsonNode usage = root.path("usage");
        long promptTokens = usage.path("prompt_tokens").canConvertToLong()
                ? usage.path("prompt_tokens").asLong() : estimatedTokens(request.path("messages"));
        long completionTokens = usage.path("completion_tokens").canConvertToLong()
                ? usage.path("completion_tokens").asLong() : estimatedTokens(content.asText());
        caps.record(conversation.chatKey(), today, promptTokens, completionTokens);
        memory.remember(conversation.memoryKey(), new ConversationMemory.Turn(userText, text), now);
        return Optional.of(text);
    }

    private Optional<String> unavailable(String reason) {
        String hint = switch (reason) {
            case "status 401", "status 403" -> endpoint.apiKey().isPresent()
                    ? " (is the API key in api-key-env right?)" : " (the server wants an API key: set api-key-env)";
            case "status 404" -> " (are base-url and model right?)";
            default -> "";
        };
        log.warn("auto-reply: llm endpoint '{}' ({} at {}) is unavailable: {}{}; {}", endpoint.name(), endpoint.model(),
                endpoint.forLog(), reason, hint,
                unavailable.isPresent() ? "answered with unavailable" : "nothing was answered");
        return unavailable;
    }

    /**
     * A rough count for a server that reports no {@code usage}: a CJK character is about one token, other text
     * about four characters a token, and each message a few tokens of its own.
     */
    static long estimatedTokens(JsonNode messages) {
        long tokens = 0;
        for (JsonNode message : messages) tokens += 4 + estimatedTokens(message.path("content").asText());
        return tokens;
    }

    static long estimatedTokens(String text) {
        long wide = text.codePoints().filter(c -> WIDE_SCRIPTS.contains(Character.UnicodeScript.of(c))).count();
        long other = text.codePointCount(0, text.length()) - wide;
        return wide + (other + 3) / 4;
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "llm via " + endpoint;
    }
}
