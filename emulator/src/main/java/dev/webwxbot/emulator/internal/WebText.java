package dev.webwxbot.emulator.internal;

/** The server side of PROTOCOL.md 9.2: how plain text becomes a message {@code Content}. */
final class WebText {
    private WebText() {
    }

    /** Escapes {@code &}, {@code <}, {@code >} and turns line breaks into {@code <br/>}. Quotes stay as they are. */
    static String escape(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> {
                    out.append("<br/>");
                    if (i + 1 < plain.length() && plain.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append("<br/>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A group message from another member: {@code <sender UserName>:<br/><escaped text>}. */
    static String groupContent(String senderUserName, String plain) {
        return senderUserName + ":<br/>" + escape(plain);
    }
}
