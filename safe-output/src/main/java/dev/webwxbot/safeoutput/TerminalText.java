package dev.webwxbot.safeoutput;

/**
 * Makes text from the network harmless on a terminal and in a log line. Every C0 and C1 control character (so ESC,
 * CSI {@code U+009B}, OSC {@code U+009D}, BEL, backspace, tab, carriage return) and DEL, bidi overrides, isolates
 * and marks, line and paragraph separators, the BOM and unpaired surrogates become {@code U+FFFD}, so a nickname
 * cannot move the cursor, clear the screen, set the window title, write the clipboard (OSC 52), recolour text or
 * reorder what follows it. Newlines become a visible {@code ↵} (CRLF once), so one message stays one line and
 * cannot forge another log line. The one sanitiser of the project: the terminal client, the launcher's commands
 * and Logback's converters ({@code %safeMsg}, {@code %safeEx}) all use it. Stateless and thread-safe.
 */
public final class TerminalText {

    static final char REPLACEMENT = '\uFFFD';
    static final String NEWLINE_MARK = "↵";

    private TerminalText() {
    }

    /** {@code text} with every harmful character replaced; the same instance when nothing needs replacing. */
    public static String clean(String text) {
        if (isClean(text)) return text; // the usual case: a log line of our own words allocates nothing
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
    public static boolean isClean(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\n' || isHarmful(cp)) return false;
            i += Character.charCount(cp);
        }
        return true;
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
