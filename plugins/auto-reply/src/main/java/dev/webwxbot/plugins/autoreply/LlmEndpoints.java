package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAI-compatible chat-completions endpoints the {@code llm} actions may use, by name: the plugin's
 * {@code llm} block.
 *
 * <pre>{@code
 * llm {
 *   default { base-url = "https://api.openai.com/v1", model = "gpt-4o-mini", api-key-env = OPENAI_API_KEY,
 *             timeout = 30s, max-tokens = 512, temperature = 0.7 }
 *   local   { base-url = "http://127.0.0.1:11434/v1", model = "qwen2.5:7b" }      # Ollama: no key
 * }
 * }</pre>
 *
 * The API key is read from the environment variable named by {@code api-key-env} when the rules load (a variable
 * that is not set is an error naming it); it is sent as {@code Authorization: Bearer …} and nowhere else. Immutable.
 */
final class LlmEndpoints {

    static final LlmEndpoints NONE = new LlmEndpoints(Map.of(), Set.of());
    static final Set<String> KEYS = RuleParts.orderedSet("base-url", "model", "api-key-env", "timeout", "max-tokens",
            "temperature", "max-response-size", "headers");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_TOKENS = 512;
    static final long DEFAULT_MAX_RESPONSE = 1L << 20;
    private static final String COMPLETIONS = "/chat/completions";
    /** Keys an operator may try for the key itself. */
    private static final Set<String> KEY_WRITTEN_OUT = Set.of("api-key", "apikey", "api_key", "key", "token");

    private final Map<String, Endpoint> endpoints;
    /** Every name the block has, also of the endpoints that are not valid (their problems are reported apart). */
    private final Set<String> names;

    private LlmEndpoints(Map<String, Endpoint> endpoints, Set<String> names) {
        this.endpoints = Map.copyOf(endpoints);
        this.names = Set.copyOf(names);
    }

    /**
     * One endpoint.
     *
     * @param completions the URL requests are POSTed to: {@code base-url} + {@code /chat/completions}
     * @param forLog the URL as a log may show it
     * @param apiKey the key, when one is configured; a secret
     * @param headers more headers (a gateway's own), value templates
     */
    record Endpoint(String name, URI completions, String forLog, String model, Optional<String> apiKey,
                    Duration timeout, int maxTokens, OptionalDouble temperature, long maxResponseBytes,
                    Map<String, Template> headers) {

        /** Never the key. */
        @Override
        public String toString() {
            return "llm endpoint '" + name + "' (" + model + " at " + forLog + (apiKey.isPresent() ? ", with a key" : "")
                    + ")";
        }
    }

    /**
     * Reads the {@code llm} block. Every problem is added to {@code problems}; the endpoints that are valid come
     * back.
     */
    static LlmEndpoints read(PluginSettings llm, Environment environment, List<InvalidSettingsException> problems) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String name : llm.keys()) {
            String path = RemoteParts.quoted(name);
            int before = problems.size();
            try {
                PluginSettings block = llm.section(path);
                for (InvalidSettingsException unknown : block.unknownKeys(KEYS)) {
                    boolean aKey = KEY_WRITTEN_OUT.contains(unknown.key().substring(unknown.key().lastIndexOf('.') + 1));
                    problems.add(aKey ? new InvalidSettingsException(unknown.key(), "an API key is never written in the"
                            + " configuration; put it in an environment variable and name that: api-key-env ="
                            + " OPENAI_API_KEY", unknown.origin()) : unknown);
                }
                Endpoint endpoint = endpoint(name, block, environment);
                if (problems.size() == before) endpoints.put(name, endpoint);
            } catch (InvalidSettingsException e) {
                problems.add(e.problem().contains("wrong type") || e.problem().contains("rather than")
                        ? llm.invalid(path, "must be a block { base-url = …, model = … } (an endpoint of this name)")
                        : e);
            }
        }
        return new LlmEndpoints(endpoints, llm.keys());
    }

    private static Endpoint endpoint(String name, PluginSettings block, Environment environment) {
        String base = RuleParts.nonEmpty(block, "base-url").strip();
        String resolved = RemoteParts.withEnvironment(block, "base-url", base, environment);
        URI completions;
        try {
            String trimmed = resolved.replaceAll("/+$", "");
            completions = new URI(trimmed.endsWith(COMPLETIONS) ? trimmed : trimmed + COMPLETIONS);
        } catch (URISyntaxException e) {
            throw block.invalid("base-url", "'" + RemoteParts.forLog(base) + "' is not a valid URL: " + e.getReason());
        }
        RemoteParts.checkServer(block, "base-url", completions, base);
        if (completions.getRawQuery() != null) throw block.invalid("base-url", "must not have a query (?…)");
        String model = RuleParts.nonEmpty(block, "model").strip();
        Optional<String> key = block.has("api-key-env") ? Optional.of(apiKey(block, environment)) : Optional.empty();
        String written = base.replaceAll("/+$", ""); // as the operator wrote it: {env:…} not resolved
        String forLog = RemoteParts.forLog(written.endsWith(COMPLETIONS) ? written : written + COMPLETIONS);
        return new Endpoint(name, completions, forLog, model, key,
                RemoteParts.timeout(block, "timeout", DEFAULT_TIMEOUT),
                block.has("max-tokens") ? maxTokens(block, "max-tokens") : DEFAULT_MAX_TOKENS,
                block.has("temperature") ? OptionalDouble.of(temperature(block, "temperature")) : OptionalDouble.empty(),
                RemoteParts.size(block, "max-response-size", DEFAULT_MAX_RESPONSE),
                RemoteParts.headers(block, "headers", environment, Placeholders.NONE));
    }

    private static String apiKey(PluginSettings block, Environment environment) {
        String variable = RuleParts.nonEmpty(block, "api-key-env").strip();
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw block.invalid("api-key-env", "names the environment variable that holds the key (such as"
                    + " OPENAI_API_KEY), not the key itself");
        }
        String value = environment.variable(variable).orElseThrow(() -> block.invalid("api-key-env",
                "the environment variable " + variable + " is not set in the bot's environment"));
        if (value.isBlank()) throw block.invalid("api-key-env", "the environment variable " + variable + " is empty");
        return value.strip();
    }

    static int maxTokens(PluginSettings block, String key) {
        int tokens = block.integer(key);
        if (tokens < 1 || tokens > 1_000_000) throw block.invalid(key, "must be between 1 and 1000000");
        return tokens;
    }

    static double temperature(PluginSettings block, String key) {
        String given = block.string(key).strip();
        double value;
        try {
            value = Double.parseDouble(given);
        } catch (NumberFormatException e) {
            throw block.invalid(key, "'" + given + "' is not a number; use 0 to 2, such as 0.7");
        }
        if (!(value >= 0 && value <= 2)) throw block.invalid(key, "must be between 0 and 2");
        return value;
    }

    /** The endpoint called {@code name}, when it is valid. */
    Optional<Endpoint> named(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** Whether the block has an endpoint of that name, valid or not. */
    boolean has(String name) {
        return names.contains(name);
    }

    /** The names, sorted. */
    Set<String> names() {
        return new TreeSet<>(names);
    }
}
