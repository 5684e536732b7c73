package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.part;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} action: calls a web service and answers with a field of its JSON response.
 *
 * <pre>{@code
 * { http { method = POST, url = "https://api.example.com/ask?city={1}",
 *          headers { Authorization = "Bearer {env:WEATHER_TOKEN}" },
 *          body { question = "{text}", user = "{sender}" },
 *          answer = "/data/answer", reply = "Weather: {answer}",
 *          timeout = 5s, max-response-size = 64KiB,
 *          on-error = "The weather service is not answering, try later." } }
 * }</pre>
 *
 * <p>Placeholders are URL-encoded in the URL, stripped of line breaks in headers and JSON-escaped in the body.
 * Secrets come from the environment through {@code {env:NAME}} (url, headers, body), resolved when the rules load;
 * they never reach a log or a message. A failure (time-out, a response too large or not JSON, a status outside 2xx,
 * no value at {@code answer}) is logged once as a WARN naming the method and the URL without its query, and
 * answered with {@code on-error} when set. Immutable and thread-safe.
 */
final class HttpAction {

    static final Set<String> KEYS = RuleParts.orderedSet("method", "url", "headers", "body", "answer", "reply",
            "timeout", "max-response-size", "on-error");
    private static final Set<String> METHODS = RuleParts.orderedSet("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String ANSWER = "answer";
    private static final Logger log = LoggerFactory.getLogger(HttpAction.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String method;
    private final RemoteParts.UrlTemplate url;
    private final Map<String, Template> headers;
    private final Optional<JsonTemplate> body;
    private final Optional<JsonPointer> answer;
    private final Optional<Template> reply;
    private final Limits limits;
    private final Optional<String> onError;

    private HttpAction(String method, RemoteParts.UrlTemplate url, Map<String, Template> headers,
                       Optional<JsonTemplate> body, Optional<JsonPointer> answer, Optional<Template> reply,
                       Limits limits, Optional<String> onError) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.answer = answer;
        this.reply = reply;
        this.limits = limits;
        this.onError = onError;
    }

    /**
     * The time-out and response size every {@code http} action has unless it sets its own: the plugin's
     * {@code http-limits} block.
     */
    record Limits(Duration timeout, long maxResponseBytes) {

        /** The same as the plugin's reference.conf, for a block read without it. */
        static final Limits DEFAULTS = new Limits(Duration.ofSeconds(10), 64L << 10);

        /** Reads {@code http-limits { timeout, max-response-size }}; an unset key keeps its default. */
        static Limits read(PluginSettings section) {
            List<InvalidSettingsException> unknown = section.unknownKeys(Set.of("timeout", "max-response-size"));
            if (!unknown.isEmpty()) throw unknown.getFirst();
            return new Limits(RemoteParts.timeout(section, "timeout", DEFAULTS.timeout()),
                    RemoteParts.size(section, "max-response-size", DEFAULTS.maxResponseBytes()));
        }
    }

    /**
     * Reads one {@code http { … }} block. Every problem of it is added to {@code problems}, each naming its key; the
     * action comes back only when there was none.
     *
     * @param placeholders what the rule's trigger captures, for the templates
     * @param environment where {@code {env:NAME}} is looked up
     */
    static Optional<HttpAction> read(PluginSettings block, Limits limits, Placeholders placeholders,
                                     Environment environment, List<InvalidSettingsException> problems) {
        int before = problems.size();
        problems.addAll(block.unknownKeys(KEYS));
        if (!block.has("url")) {
            problems.add(new InvalidSettingsException(block.keyOf("url"), "is required: the address to call",
                    block.origin()));
        }
        Optional<RemoteParts.UrlTemplate> url = block.has("url")
                ? part(() -> RemoteParts.url(block, "url", environment, placeholders), problems) : Optional.empty();
        Optional<JsonTemplate> body = block.has("body")
                ? part(() -> JsonTemplate.read(block, "body", environment, placeholders), problems) : Optional.empty();
        Optional<String> method = part(() -> method(block, block.has("body")), problems);
        Optional<Map<String, Template>> headers =
                part(() -> RemoteParts.headers(block, "headers", environment, placeholders), problems);
        Optional<JsonPointer> answer = block.has(ANSWER) ? part(() -> pointer(block), problems) : Optional.empty();
        Optional<Template> reply = block.has("reply") ? part(() -> replyTemplate(block, placeholders), problems)
                : Optional.empty();
        if (reply.isPresent() && !block.has(ANSWER) && usesAnswer(block)) {
            problems.add(block.invalid("reply", "uses {answer} but no answer = \"/json/pointer\" says where the"
                    + " answer is in the response"));
        }
        Optional<Duration> timeout = part(() -> RemoteParts.timeout(block, "timeout", limits.timeout()), problems);
        Optional<Long> size = part(() -> RemoteParts.size(block, "max-response-size", limits.maxResponseBytes()),
                problems);
        Optional<String> onError = block.has("on-error")
                ? part(() -> RuleParts.nonEmpty(block, "on-error"), problems) : Optional.empty();
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new HttpAction(method.orElseThrow(), url.orElseThrow(), headers.orElseThrow(), body,
                answer, reply.or(() -> answer.map(a -> Template.parse("{answer}", -1, Set.of(ANSWER), Set.of()))),
                new Limits(timeout.orElseThrow(), size.orElseThrow()), onError));
    }

    private static String method(PluginSettings block, boolean hasBody) {
        if (!block.has("method")) return hasBody ? "POST" : "GET";
        String given = block.string("method").strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(given)) {
            throw block.invalid("method", "must be one of " + String.join(", ", METHODS)
                    + RuleParts.suggestion(given, METHODS).orElse(""));
        }
        if (hasBody && given.equals("GET")) throw block.invalid("body", "a GET request has no body; use POST or PUT");
        return given;
    }

    private static JsonPointer pointer(PluginSettings block) {
        String given = block.string(ANSWER);
        try {
            return JsonPointer.compile(given);
        } catch (IllegalArgumentException e) {
            throw block.invalid(ANSWER, "'" + given + "' is not a JSON pointer; it starts with / and names the"
                    + " field's path, such as /data/answer or /items/0/text (\"\" is the whole response)");
        }
    }

    private static Template replyTemplate(PluginSettings block, Placeholders placeholders) {
        String source = RuleParts.nonEmpty(block, "reply");
        return RemoteParts.template(block, "reply", source, placeholders, Set.of(ANSWER));
    }

    private static boolean usesAnswer(PluginSettings block) {
        return block.string("reply").replace("{{", "").contains("{" + ANSWER + "}");
    }

    /**
     * Calls the service for the message whose placeholders are {@code values}. Never throws for a remote failure.
     *
     * @return the text to send: the reply, {@code on-error} after a failure, or empty to say nothing
     */
    Optional<String> run(Template.TemplateValues values, RemoteCalls calls) {
        Optional<URI> uri = url.build(values);
        if (uri.isEmpty()) return failed("the message's text makes no valid URL");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.get())
                .timeout(limits.timeout())
                .header("User-Agent", "webwx-bot auto-reply")
                .header("Accept", "application/json");
        if (body.isPresent()) request.header("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> request.setHeader(name, value.render(values, RemoteParts::headerSafe)));
        HttpRequest.BodyPublisher payload = body.map(json -> HttpRequest.BodyPublishers.ofByteArray(
                json.render(values).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orElse(HttpRequest.BodyPublishers.noBody());
        RemoteCalls.Exchange exchange = calls.exchange(request.method(method, payload).build(), limits.timeout(),
                limits.maxResponseBytes());
        return switch (exchange) {
            case RemoteCalls.Failed failed -> failed(failed.reason());
            case RemoteCalls.Answered answered -> answer.isEmpty()
                    ? reply.map(r -> r.render(values))
                    : answerFrom(answered.body(), answer.get())
                            .map(text -> reply.orElseThrow().render(withAnswer(values, text)))
                            .or(() -> failed(noAnswer(answered.body(), answer.get())));
        };
    }

    private static Optional<String> answerFrom(byte[] body, JsonPointer pointer) {
        try {
            JsonNode value = JSON.readTree(body).at(pointer);
            if (value.isMissingNode() || value.isNull()) return Optional.empty();
            String text = value.isValueNode() ? value.asText() : value.toString();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String noAnswer(byte[] body, JsonPointer pointer) {
        try {
            JSON.readTree(body);
        } catch (java.io.IOException e) {
            return "the response is not JSON";
        }
        return "the response has no text at " + (pointer.toString().isEmpty() ? "its root" : pointer);
    }

    private static Template.TemplateValues withAnswer(Template.TemplateValues values, String answer) {
        Map<String, String> named = new HashMap<>(values.captures().named());
        named.put(ANSWER, answer);
        return new Template.TemplateValues(values.fields(), values.now(),
                new Captures(values.captures().numbered(), named));
    }

    private Optional<String> failed(String reason) {
        log.warn("auto-reply: http {} {} failed: {}{}", method, url.forLog(), reason,
                onError.isPresent() ? "; answered with on-error" : "; nothing was answered");
        return onError;
    }

    /** The method and the URL without its query: never a header, a body or a secret. */
    @Override
    public String toString() {
        return "http " + method + " " + url.forLog();
    }
}
