package dev.webwxbot.emulator.internal;

/** The server side of PROTOCOL.md 9.2: how plain text becomes a message {@code Content}. */
final class WebText {
    private static final int FIRST_REGIONAL_INDICATOR = 0x1F1E6;
    private static final int LAST_REGIONAL_INDICATOR = 0x1F1FF;

    private WebText() {
    }

    /** Escapes {@code &}, {@code <}, {@code >} and turns line breaks into {@code <br/>}. Quotes stay as they are. */
    static String escape(String plain) {
        return escape(plain, false);
    }

    /**
     * As {@link #escape(String)}, and with {@code emojiSpans} every astral-plane emoji becomes
     * {@code <span class="emoji emoji1f604"></span>}; a pair of regional indicators (a flag) shares one span with
     * both code points concatenated, as the real server writes them.
     */
    static String escape(String plain, boolean emojiSpans) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        int i = 0;
        while (i < plain.length()) {
            int c = plain.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> {
                    out.append("<br/>");
                    if (i < plain.length() && plain.charAt(i) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append("<br/>");
                default -> {
                    if (emojiSpans && isEmoji(c)) {
                        String hex = Integer.toHexString(c);
                        if (isRegionalIndicator(c) && i < plain.length() && isRegionalIndicator(plain.codePointAt(i))) {
                            int second = plain.codePointAt(i);
                            i += Character.charCount(second);
                            hex += Integer.toHexString(second);
                        }
                        out.append("<span class=\"emoji emoji").append(hex).append("\"></span>");
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A group message from another member: {@code <sender UserName>:<br/><escaped text>}. */
    static String groupContent(String senderUserName, String plain, boolean emojiSpans) {
        return senderUserName + ":<br/>" + escape(plain, emojiSpans);
    }

    private static boolean isEmoji(int codePoint) {
        return codePoint >= 0x1F000 && codePoint <= 0x1FAFF;
    }

    private static boolean isRegionalIndicator(int codePoint) {
        return codePoint >= FIRST_REGIONAL_INDICATOR && codePoint <= LAST_REGIONAL_INDICATOR;
    }
}
