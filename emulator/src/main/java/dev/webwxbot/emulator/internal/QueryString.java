package dev.webwxbot.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A query string kept both raw and percent-decoded once. Raw values matter for pass_ticket, which arrives single-,
 * double- or not encoded (PROTOCOL.md 0.4). {@code +} is left as is: the values involved are base64, where {@code +}
 * is data, not a space.
 */
final class QueryString {
    private static final int MAX_PARAMETERS = 256;

    private final Map<String, List<String>> raw;
    private final Map<String, List<String>> decoded;

    private QueryString(Map<String, List<String>> raw, Map<String, List<String>> decoded) {
        this.raw = raw;
        this.decoded = decoded;
    }

    static QueryString parse(String query) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            int count = 0;
            for (String pair : query.split("&")) {
                if (pair.isEmpty() || ++count > MAX_PARAMETERS) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                raw.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                decoded.computeIfAbsent(name, n -> new ArrayList<>()).add(percentDecode(value));
            }
        }
        return new QueryString(raw, decoded);
    }

    /** The first decoded value, or {@code null}. */
    String get(String name) {
        List<String> values = decoded.get(name);
        return values == null ? null : values.getFirst();
    }

    /** The first decoded value whose name matches ignoring case ({@code skey}/{@code sKey}), or {@code null}. */
    String getIgnoreCase(String name) {
        String exact = get(name);
        if (exact != null) {
            return exact;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> entry : decoded.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }

    /** The first raw (undecoded) value, or {@code null}. */
    String raw(String name) {
        List<String> values = raw.get(name);
        return values == null ? null : values.getFirst();
    }

    Map<String, List<String>> decodedView() {
        return Collections.unmodifiableMap(decoded);
    }

    /** Decodes {@code %XX} sequences as UTF-8; malformed escapes are kept literally, {@code +} stays {@code +}. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
