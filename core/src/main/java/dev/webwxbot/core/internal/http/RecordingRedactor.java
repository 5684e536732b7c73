package dev.webwxbot.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the secrets out of what a recording keeps, in two passes. First by shape, with {@link Redactor}'s list of
 * secret names: query parameters, {@code name=value} pairs inside bodies (the login poll's {@code redirect_uri}),
 * XML elements (the {@code webwxnewloginpage} answer's {@code <skey>}, {@code <wxsid>}, {@code <wxuin>},
 * {@code <pass_ticket>}), JSON keys ({@code BaseRequest.Uin/Sid/Skey/DeviceID}, {@code SKey}, {@code User.Uin}) and
 * every cookie value. Each credential masked this way is remembered, and the second pass ({@link #sweep}) masks it
 * wherever it shows up later (a message's URL, a header). Values shorter than six characters are not remembered,
 * nor non-credential cookies: {@code wxloadtime} is a timestamp that also appears in the SyncKey.
 *
 * <p>Not thread-safe: used by the recorder's writer thread only.
 */
final class RecordingRedactor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_REMEMBERED = 6;
    private static final Pattern PAIR = Pattern.compile("([A-Za-z_]+)=([^&\"'\\s;<>]+)");
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z_]+)>([^<]*)</\\1>");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Set<String> secrets = new HashSet<>();
    /** {@link #secrets} longest first, rebuilt when one was added (so a value is masked before its own prefix). */
    private List<Pattern> sweepPatterns = List.of();
    private boolean changed;

    /** A raw query with secret values masked (and remembered), and remembered secrets masked. */
    String query(String rawQuery) {
        return sweep(pairs(rawQuery));
    }

    /** A {@code Set-Cookie} header with its value masked (and remembered); attributes are kept. */
    String setCookie(String header) {
        int equals = header.indexOf('=');
        int semicolon = header.indexOf(';');
        if (equals > 0 && (semicolon < 0 || semicolon > equals) && Redactor.isSecret(header.substring(0, equals).trim())) {
            remember(header.substring(equals + 1, semicolon < 0 ? header.length() : semicolon).trim());
        }
        return Redactor.redactSetCookie(header);
    }

    /** A text body or header: JSON by key, anything else by {@code name=value} pairs and XML elements. */
    String text(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode tree = JSON.readTree(text);
                if (tree != null && tree.isContainerNode()) {
                    redactJson(tree);
                    return JSON.writeValueAsString(sweepJson(tree));
                }
            } catch (JsonProcessingException e) {
                // not JSON after all: fall through to the textual rules
            }
        }
        return sweep(elements(pairs(text)));
    }

    /**
     * Masks every remembered secret in {@code text}; digits-only secrets only where no digit touches them (a
     * 10-digit uin inside a 19-digit MsgId is no uin).
     */
    String sweep(String text) {
        if (changed) {
            sweepPatterns = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .map(secret -> DIGITS.matcher(secret).matches()
                            ? Pattern.compile("(?<!\\d)" + secret + "(?!\\d)")
                            : Pattern.compile(Pattern.quote(secret)))
                    .toList();
            changed = false;
        }
        String swept = text;
        for (Pattern pattern : sweepPatterns) {
            swept = pattern.matcher(swept).replaceAll(Redactor.MASK);
        }
        return swept;
    }

    /**
     * The sweep inside a JSON body, value by value, so the body stays valid JSON: a number equal to a secret becomes
     * the string {@code "***"}.
     */
    private JsonNode sweepJson(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, sweepJson(object.get(name)));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, sweepJson(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            String swept = sweep(node.asText());
            return swept.equals(node.asText()) ? node : TextNode.valueOf(swept);
        }
        if (node.isIntegralNumber() && secrets.contains(node.asText())) {
            return TextNode.valueOf(Redactor.MASK);
        }
        return node;
    }

    private void redactJson(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (Redactor.isSecret(name) && value.isValueNode() && !isUnset(value)) {
                    remember(value.asText());
                    object.put(name, Redactor.MASK);
                } else {
                    redactJson(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::redactJson);
        }
    }

    /** A contact's {@code Uin} of 0 (§3.6) or an empty value says nothing: kept, with its JSON type. */
    private static boolean isUnset(JsonNode value) {
        String text = value.asText();
        return text.isEmpty() || text.equals("0");
    }

    private String pairs(String text) {
        Matcher matcher = PAIR.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            boolean secret = Redactor.isSecret(matcher.group(1));
            if (secret) {
                remember(matcher.group(2));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    secret ? matcher.group(1) + "=" + Redactor.MASK : matcher.group()));
        }
        return matcher.appendTail(out).toString();
    }

    private String elements(String text) {
        Matcher matcher = ELEMENT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            boolean secret = Redactor.isSecret(matcher.group(1));
            if (secret) {
                remember(matcher.group(2));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(secret
                    ? "<" + matcher.group(1) + ">" + Redactor.MASK + "</" + matcher.group(1) + ">" : matcher.group()));
        }
        return matcher.appendTail(out).toString();
    }

    /** Remembers the value as sent and in its URL-decoded and URL-encoded forms (pass_ticket travels in all three). */
    private void remember(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = value;
        }
        for (String form : List.of(value, decoded, URLEncoder.encode(decoded, StandardCharsets.UTF_8))) {
            if (form.length() >= MIN_REMEMBERED && !form.equals(Redactor.MASK) && secrets.add(form)) {
                changed = true;
            }
        }
    }
}
