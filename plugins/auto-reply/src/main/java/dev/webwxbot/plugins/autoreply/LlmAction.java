package dev.webwxbot.plugins.autoreply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
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
    static final Set<String> MEMORY_KEYS = RuleParts.orderedSet("turns", "idle", "end-phrases", "end-reply",
            "max-conversations");
    static final Set<String> CAPS_KEYS = RuleParts.orderedSet("tokens-per-chat-per-day", "tokens-per-day",
            "cost-per-day", "price-per-1k-prompt-tokens", "price-per-1k-completion-tokens");
    static final int DEFAULT_TURNS = 10;
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    static final int DEFAULT_MAX_CONVERSATIONS = 1000;
    static final String DEFAULT_END_REPLY = "OK, conversation ended.";
    /** Reasoning models (DeepSeek-R1, QwQ …) served by Ollama or vLLM put their thinking first; it is not an answer. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");
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
                      OptionalDouble temperature, MemorySettings memory, UsageCaps.Limits caps,
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
     * @param chatKey the account and the chat (caps per chat count it): e.g. {@code accountId + "/" + chat userName}
     * @param personKey the person who wrote, in that chat (in a one-to-one chat the chat's own person)
     */
    record Conversation(String chatKey, String personKey) {

        String memoryKey() {
            return chatKey + "\u0000" + personKey;
        }
    }

    private record MemorySettings(int turns, Duration idle, Set<String> endPhrases, Optional<String> endReply,
                                  int maxConversations) {
        static final MemorySettings DEFAULTS = new MemorySettings(DEFAULT_TURNS, DEFAULT_IDLE, Set.of(),
                Optional.of(DEFAULT_END_REPLY), DEFAULT_MAX_CONVERSATIONS);
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
        Optional<MemorySettings> memory = block.has("memory")
                ? part(() -> memory(block.section("memory"), problems), problems).flatMap(m -> m)
                : Optional.of(MemorySettings.DEFAULTS);
        Optional<UsageCaps.Limits> caps = block.has("caps")
                ? part(() -> caps(block.section("caps"), problems), problems).flatMap(c -> c)
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

    private static Optional<MemorySettings> memory(PluginSettings block, List<InvalidSettingsException> problems) {
        int before = problems.size();
        problems.addAll(block.unknownKeys(MEMORY_KEYS));
        Optional<Integer> turns = part(() -> block.has("turns") ? count(block, "turns", 0, 100) : DEFAULT_TURNS, problems);
        Optional<Duration> idle = part(() -> {
            if (!block.has("idle")) return DEFAULT_IDLE;
            Duration value = block.duration("idle");
            if (value.isNegative() || value.isZero()) throw block.invalid("idle", "must be longer than 0s");
            return value;
        }, problems);
        Optional<Set<String>> phrases = part(() -> {
            if (!block.has("end-phrases")) return Set.<String>of();
            Set<String> normalised = new java.util.LinkedHashSet<>();
            List<String> given = block.stringList("end-phrases");
            for (int i = 0; i < given.size(); i++) {
                if (given.get(i).isBlank()) throw block.invalid("end-phrases." + i, "must not be empty");
                normalised.add(normalised(given.get(i)));
            }
            return Set.copyOf(normalised);
        }, problems);
        Optional<Optional<String>> endReply = part(() -> block.has("end-reply")
                ? Optional.of(block.string("end-reply")).filter(s -> !s.isBlank()) : Optional.of(DEFAULT_END_REPLY),
                problems);
        Optional<Integer> max = part(() -> block.has("max-conversations")
                ? count(block, "max-conversations", 1, 1_000_000) : DEFAULT_MAX_CONVERSATIONS, problems);
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new MemorySettings(turns.orElseThrow(), idle.orElseThrow(), phrases.orElseThrow(),
                endReply.orElseThrow(), max.orElseThrow()));
    }

    private static Optional<UsageCaps.Limits> caps(PluginSettings block, List<InvalidSettingsException> problems) {
        int before = problems.size();
        problems.addAll(block.unknownKeys(CAPS_KEYS));
        Optional<OptionalLong> perChat = part(() -> tokens(block, "tokens-per-chat-per-day"), problems);
        Optional<OptionalLong> perDay = part(() -> tokens(block, "tokens-per-day"), problems);
        Optional<Optional<BigDecimal>> cost = part(() -> block.has("cost-per-day")
                ? Optional.of(amount(block, "cost-per-day")) : Optional.<BigDecimal>empty(), problems);
        Optional<BigDecimal> promptPrice = part(() -> block.has("price-per-1k-prompt-tokens")
                ? amount(block, "price-per-1k-prompt-tokens") : BigDecimal.ZERO, problems);
        Optional<BigDecimal> completionPrice = part(() -> block.has("price-per-1k-completion-tokens")
                ? amount(block, "price-per-1k-completion-tokens") : BigDecimal.ZERO, problems);
        if (block.has("cost-per-day") && !block.has("price-per-1k-prompt-tokens")
                && !block.has("price-per-1k-completion-tokens")) {
            problems.add(block.invalid("cost-per-day", "needs the model's prices to count a cost:"
                    + " price-per-1k-prompt-tokens and price-per-1k-completion-tokens"));
        }
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new UsageCaps.Limits(perChat.orElseThrow(), perDay.orElseThrow(), cost.orElseThrow(),
                promptPrice.orElseThrow(), completionPrice.orElseThrow()));
    }

    private static OptionalLong tokens(PluginSettings block, String key) {
        if (!block.has(key)) return OptionalLong.empty();
        long value = block.number(key);
        if (value < 1) throw block.invalid(key, "must be at least 1 (leave it out for no cap)");
        return OptionalLong.of(value);
    }

    private static BigDecimal amount(PluginSettings block, String key) {
        String given = block.string(key).strip();
        BigDecimal value;
        try {
            value = new BigDecimal(given);
        } catch (NumberFormatException e) {
            throw block.invalid(key, "'" + given + "' is not a number such as 2.00");
        }
        if (value.signum() < 0) throw block.invalid(key, "must not be negative");
        return value;
    }

    private static int count(PluginSettings block, String key, int min, int max) {
        int value = block.integer(key);
        if (value < min || value > max) throw block.invalid(key, "must be between " + min + " and " + max);
        return value;
    }

    private static Optional<String> optionalText(PluginSettings block, String key,
                                                 List<InvalidSettingsException> problems) {
        return block.has(key) ? part(() -> RuleParts.nonEmpty(block, key), problems) : Optional.empty();
    }

    private static <T> Optional<T> part(Supplier<T> read, List<InvalidSettingsException> problems) {
        try {
            return Optional.of(read.get());
        } catch (InvalidSettingsException e) {
            problems.add(e);
            return Optional.empty();
        }
    }

    private static String normalised(String phrase) {
        return phrase.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code conversation} is going on (neither ended nor idle): a rule engine may route follow-ups here. */
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
        if (endPhrases.contains(normalised(values.fields().getOrDefault("text", "")))) {
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
        String hint = reason.equals("status 401") || reason.equals("status 403")
                ? " (is the API key in " + (endpoint.apiKey().isPresent() ? "api-key-env" : "no api-key-env") + " right?)"
                : reason.equals("status 404") ? " (are base-url and model right?)" : "";
        log.warn("auto-reply: llm endpoint '{}' ({} at {}) is unavailable: {}{}; {}", endpoint.name(), endpoint.model(),
                endpoint.forLog(), reason, hint, unavailable.isPresent() ? "answered with unavailable" : "nothing was answered");
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
        long wide = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL).count();
        long other = text.codePointCount(0, text.length()) - wide;
        return wide + (other + 3) / 4;
    }

    /** Tokens used today in the chat {@code chatKey}, as counted against the caps. */
    long tokensToday(String chatKey, LocalDate today) {
        return caps.tokensToday(chatKey, today);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "llm via " + endpoint;
    }
}
