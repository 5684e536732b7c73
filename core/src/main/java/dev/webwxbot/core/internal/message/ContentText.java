package dev.webwxbot.core.internal.message;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the protocol's text encoding (PROTOCOL.md 9.2): {@code <br/>} line breaks, HTML entities and
 * {@code <span class="emoji emoji1f604"></span>} emoji, including the server's known mistakes.
 */
public final class ContentText {

    private static final Pattern EMOJI_SPAN =
            Pattern.compile("<span class=\"emoji emoji([0-9a-fA-F]{4,10})\"></span>?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Map<String, String> NAMED = Map.of(
            "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", "\u00a0");
    /** Code points the server maps wrongly, as the official page and ItChat correct them. */
    private static final Map<String, String> MISMAPPED = Map.of(
            "1f63c", "1f601", "1f639", "1f602", "1f63a", "1f603", "1f4ab", "1f616", "1f64d", "1f614",
            "1f63b", "1f60d", "1f63d", "1f618", "1f64e", "1f621", "1f63f", "1f622");

    private ContentText() {
    }

    /** Text as a person should read it: line breaks, emoji and entities decoded. */
    public static String decode(String content) {
        String text = content.replace("<br/>", "\n");
        text = decodeEmoji(text);
        return unescapeEntities(text);
    }

    /** Emoji spans to characters; also used for nicknames, remark names and signatures. */
    public static String decodeEmoji(String text) {
        if (text.indexOf("<span") < 0) return text;
        Matcher matcher = EMOJI_SPAN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(emoji(matcher.group(1).toLowerCase())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code &lt;} and friends, decimal and hex character references; unknown entities stay as they are. */
    public static String unescapeEntities(String text) {
        if (text.indexOf('&') < 0) return text;
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(0), matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String entity(String whole, String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return codePoint(Integer.parseInt(name.substring(2), 16), whole);
            }
            if (name.startsWith("#")) return codePoint(Integer.parseInt(name.substring(1)), whole);
        } catch (NumberFormatException e) {
            return whole;
        }
        return NAMED.getOrDefault(name, whole);
    }

    private static String codePoint(int value, String fallback) {
        boolean surrogate = value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE;
        return Character.isValidCodePoint(value) && !surrogate ? new String(Character.toChars(value)) : fallback;
    }

    /** 4 or 5 hex digits are one code point; 8 or 10 are two (flags, keycaps). */
    private static String emoji(String hex) {
        String fixed = MISMAPPED.getOrDefault(hex, hex);
        return switch (fixed.length()) {
            case 8 -> points(fixed.substring(0, 4), fixed.substring(4));
            case 10 -> points(fixed.substring(0, 5), fixed.substring(5));
            default -> points(fixed);
        };
    }

    /** Empty when a part is not a code point (9 hex digits overflow an int: read as a long). */
    private static String points(String... hexes) {
        StringBuilder out = new StringBuilder();
        for (String hex : hexes) {
            long value = Long.parseLong(hex, 16);
            if (value > Character.MAX_CODE_POINT) return "";
            out.appendCodePoint((int) value);
        }
        return out.toString();
    }
}
