package dev.webwxbot.launcher.chat;

/**
 * Makes text from the network harmless on a terminal. Every C0 and C1 control character (so ESC, CSI {@code U+009B},
 * OSC {@code U+009D}, BEL, backspace, carriage return), bidi overrides and isolates, line and paragraph separators
 * and unpaired surrogates become {@code U+FFFD}, so a nickname cannot move the cursor, clear the screen, set the
 * window title, recolour text or reorder what follows it. Newlines become a visible {@code ↵} so one message stays
 * one line. The one sanitiser of the launcher: the console, the login banner and the commands' output use it.
 * Stateless and thread-safe.
 */
public final class TerminalSanitizer {

    static final char REPLACEMENT = '\uFFFD';
    static final String NEWLINE_MARK = "↵";

    private TerminalSanitizer() {
    }

    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                out.append(NEWLINE_MARK);
            } else if (cp == '\r' && i < text.length() && text.charAt(i) == '\n') {
                // CRLF is one line break, shown once.
                continue;
            } else if (isHarmful(cp)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Whether {@code text} prints exactly as it is, so it may be offered for completion and typed back. */
    static boolean isClean(String text) {
        return text.codePoints().noneMatch(cp -> cp == '\n' || isHarmful(cp));
    }

    private static boolean isHarmful(int cp) {
        return Character.isISOControl(cp)                       // C0, DEL and C1 (incl. CSI 0x9B, OSC 0x9D)
                || (cp >= 0x202A && cp <= 0x202E)               // LRE, RLE, PDF, LRO, RLO
                || (cp >= 0x2066 && cp <= 0x2069)               // LRI, RLI, FSI, PDI
                || cp == 0x200E || cp == 0x200F || cp == 0x061C // LRM, RLM, ALM
                || cp == 0x2028 || cp == 0x2029                 // line and paragraph separators
                || Character.getType(cp) == Character.SURROGATE // an unpaired half
                || cp == 0xFEFF;                                 // zero-width no-break space / BOM
    }
}
