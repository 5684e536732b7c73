package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts the remote actions share, read and checked like {@link RuleParts}: time-outs, sizes, URLs, headers, and
 * {@code {env:NAME}} secrets. Each method throws an {@link InvalidSettingsException} naming the key at the first
 * problem. Stateless.
 */
final class RemoteParts {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    static final long MAX_RESPONSE_SIZE = 16L << 20;
    /** {@code {env:NAME}}; a name is checked separately so a typo gets a clear message. */
    private static final Pattern ENV = Pattern.compile("\\{env:([^{}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");
    /** Every trigger's fields, so a URL is checked as a message would fill it in. */
    private static final Template.TemplateValues SAMPLE = new Template.TemplateValues(Map.of("sender", "x",
            "group", "x", "chat", "x", "text", "x", "member", "x", "inviter", "x", "nickname", "x", "greeting", "x"),
            ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), Captures.NONE);

    private RemoteParts() {
    }

    /** A time-out of at most {@link #MAX_TIMEOUT}; {@code fallback} when {@code key} is not set. */
    static Duration timeout(PluginSettings settings, String key, Duration fallback) {
        if (!settings.has(key)) return fallback;
        Duration timeout = settings.duration(key);
        if (timeout.isNegative() || timeout.isZero()) throw settings.invalid(key, "must be longer than 0s");
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw settings.invalid(key, "must be at most " + MAX_TIMEOUT.toMinutes() + "m: a chat waits for it");
        }
        return timeout;
    }

    /** A response size limit of at most 16 MiB; {@code fallback} when {@code key} is not set. */
    static long size(PluginSettings settings, String key, long fallback) {
        if (!settings.has(key)) return fallback;
        long size;
        try {
            size = ByteSize.parse(settings.string(key));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw settings.invalid(key, e instanceof ArithmeticException ? "is far too large" : e.getMessage());
        }
        if (size <= 0) throw settings.invalid(key, "must be more than 0 bytes");
        if (size > MAX_RESPONSE_SIZE) throw settings.invalid(key, "must be at most " + ByteSize.readable(MAX_RESPONSE_SIZE));
        return size;
    }

    /**
     * {@code source} with each {@code {env:NAME}} replaced by the variable's value (braces in it doubled, so the
     * template reads them literally). A variable that is not set, or empty, is an error naming it, never its value.
     */
    static String withEnvironment(PluginSettings settings, String key, String source, Environment environment) {
        Matcher env = ENV.matcher(source);
        StringBuilder out = new StringBuilder();
        while (env.find()) {
            String name = env.group(1).strip();
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw settings.invalid(key, "{env:" + env.group(1) + "} does not name an environment variable"
                        + " (letters, digits and _)");
            }
            String value = environment.variable(name).orElseThrow(() -> settings.invalid(key,
                    "uses the environment variable " + name + ", which is not set in the bot's environment"));
            if (value.isEmpty()) throw settings.invalid(key, "uses the environment variable " + name + ", which is empty");
            env.appendReplacement(out, Matcher.quoteReplacement(value.replace("{", "{{").replace("}", "}}")));
        }
        env.appendTail(out);
        return out.toString();
    }

    /** A template of {@code source} for a rule whose trigger captures {@code placeholders}. */
    static Template template(PluginSettings settings, String key, String source, Placeholders placeholders) {
        return template(settings, key, source, placeholders, Set.of());
    }

    /** Also accepts the placeholders {@code extra} (such as {@code {answer}}), read from the captures' names. */
    static Template template(PluginSettings settings, String key, String source, Placeholders placeholders,
                             Set<String> extra) {
        Set<String> names = new java.util.HashSet<>(placeholders.groupNames());
        names.addAll(extra);
        try {
            return Template.parse(source, placeholders.groupCount(), names, placeholders.fields());
        } catch (IllegalArgumentException e) {
            // Where {env:…} is allowed it is resolved before parsing, so one left here is in the wrong place.
            String hint = e.getMessage().startsWith("unknown placeholder {env:")
                    ? " ({env:…} is read only in url, headers and body)" : "";
            throw settings.invalid(key, e.getMessage() + hint);
        }
    }

    /**
     * A URL whose placeholders are URL-encoded when it is built for a message. Only http and https; placeholders
     * may stand in the path and query, never in the scheme or host (a message must not choose the server).
     */
    record UrlTemplate(Template template, String forLog) {

        /** The URL for one message, or empty when what the message put into it makes no valid URL. */
        Optional<URI> build(Template.TemplateValues values) {
            try {
                return Optional.of(new URI(template.render(values, RemoteParts::urlEncoded)));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
    }

    static UrlTemplate url(PluginSettings settings, String key, Environment environment, Placeholders placeholders) {
        String source = RuleParts.nonEmpty(settings, key).strip();
        String resolved = withEnvironment(settings, key, source, environment);
        int scheme = resolved.indexOf("://");
        if (scheme < 0) throw settings.invalid(key, "'" + forLog(source) + "' is not an absolute http:// or https:// URL");
        int authorityEnd = scheme + 3;
        while (authorityEnd < resolved.length() && "/?#".indexOf(resolved.charAt(authorityEnd)) < 0) authorityEnd++;
        if (resolved.substring(0, authorityEnd).replace("{{", "").replace("}}", "").contains("{")) {
            throw settings.invalid(key, "placeholders may stand in the path and query only, not in the scheme or host");
        }
        Template template = template(settings, key, resolved, placeholders);
        URI sample;
        try {
            sample = new URI(template.render(SAMPLE, RemoteParts::urlEncoded));
        } catch (URISyntaxException e) {
            throw settings.invalid(key, "'" + forLog(source) + "' is not a valid URL: " + e.getReason());
        }
        checkServer(settings, key, sample, source);
        return new UrlTemplate(template, forLog(source));
    }

    /** Only absolute http(s) URLs with a host and no user name or password in them. */
    static void checkServer(PluginSettings settings, String key, URI uri, String source) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw settings.invalid(key, "'" + forLog(source) + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw settings.invalid(key, "'" + forLog(source) + "' names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw settings.invalid(key, "must not carry a user name or password; send credentials in headers");
        }
    }

    /** What a log may show of a URL as the operator wrote it: no query (it may carry a key), no fragment. */
    static String forLog(String source) {
        int end = source.length();
        for (char c : new char[] {'?', '#'}) {
            int at = source.indexOf(c);
            if (at >= 0) end = Math.min(end, at);
        }
        return CONTROL.matcher(source.substring(0, end)).replaceAll("?");
    }

    /** The block {@code key} of header names and value templates; {@code {env:NAME}} may stand in values. */
    static Map<String, Template> headers(PluginSettings settings, String key, Environment environment,
                                         Placeholders placeholders) {
        if (!settings.has(key)) return Map.of();
        PluginSettings block = settings.section(key);
        Map<String, Template> headers = new LinkedHashMap<>();
        for (String name : block.keys()) {
            String path = quoted(name);
            if (!HEADER_NAME.matcher(name).matches()) throw block.invalid(path, "is not a valid header name");
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw block.invalid(path, "is set by the bot itself and cannot be configured");
            }
            String value = withEnvironment(block, path, block.string(path), environment);
            headers.put(name, template(block, path, value, placeholders));
        }
        return Map.copyOf(headers);
    }

    /**
     * A key as a HOCON path of one element: quoted when a dot, quote or space in it (a header or JSON field name)
     * would otherwise split or end it, as written otherwise, so messages show {@code headers.Authorization}.
     */
    static String quoted(String key) {
        if (PLAIN_KEY.matcher(key).matches()) return key;
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A placeholder's value in a URL: every reserved character percent-encoded, a space as %20 (not +). */
    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A placeholder's value in a header: no line breaks or control characters (no header injection). */
    static String headerSafe(String value) {
        return CONTROL.matcher(value).replaceAll(" ");
    }
}
