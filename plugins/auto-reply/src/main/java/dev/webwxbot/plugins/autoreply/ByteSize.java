package dev.webwxbot.plugins.autoreply;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as the operator writes it, like HOCON's: {@code 65536}, {@code 64KiB}, {@code 64K}, {@code 1MiB},
 * {@code 1MB}. Binary units ({@code K}, {@code Ki}, {@code KiB}, {@code M}, …) count 1024, decimal ones
 * ({@code kB}, {@code KB}, {@code MB}) 1000. Stateless.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,12})\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L), Map.entry("byte", 1L), Map.entry("bytes", 1L),
            Map.entry("k", 1L << 10), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10), Map.entry("kb", 1000L),
            Map.entry("m", 1L << 20), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("mb", 1000L * 1000));

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} stands for.
     *
     * @throws IllegalArgumentException saying what a size looks like
     */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text);
        Long unit = matcher.matches() ? UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write a number of bytes or one with a"
                    + " unit: 64KiB, 512K, 1MiB, 1MB");
        }
        return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
    }

    /** {@code 64 KiB}, {@code 1 MiB} or {@code 1500 bytes}, for messages. */
    static String readable(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }
}
