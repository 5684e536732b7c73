package dev.webwxbot.launcher.chat;

import org.jline.utils.WCWidth;

/**
 * Terminal column arithmetic for sanitised text: CJK characters and most emoji take two columns, combining marks
 * none (JLine's {@link WCWidth}), so names padded here line up however they are written. Stateless.
 */
final class Columns {

    private static final String ELLIPSIS = "…";

    private Columns() {
    }

    /** How many terminal columns {@code text} takes. */
    static int width(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            columns += Math.max(0, WCWidth.wcwidth(cp));
        }
        return columns;
    }

    /** {@code text} cut to at most {@code columns} columns (ending in … when cut), then padded with spaces to them. */
    static String fit(String text, int columns) {
        String cut = width(text) <= columns ? text : truncate(text, columns - 1) + ELLIPSIS;
        return cut + " ".repeat(Math.max(0, columns - width(cut)));
    }

    private static String truncate(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > columns) break;
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
