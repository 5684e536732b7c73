package dev.webwxbot.launcher;

/**
 * Makes text from the network safe to print: control characters (escape sequences, carriage returns, bidi
 * overrides) are replaced, so a nickname cannot move the cursor, recolour or rewrite the terminal.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append("↵");
            } else if (Character.isISOControl(cp) || isBidiControl(cp)) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }
}
