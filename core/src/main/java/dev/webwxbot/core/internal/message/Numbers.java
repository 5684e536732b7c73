package dev.webwxbot.core.internal.message;

/** Lenient number reading for values the server sends as text. */
final class Numbers {

    private Numbers() {
    }

    static int toInt(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static long toLong(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static double toDouble(String text, double fallback) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A size in bytes: a non-negative whole number, else -1 ("not said"), as the records keep it. */
    static long byteCount(String text) {
        return Math.max(-1, toLong(text, -1));
    }
}
