package dev.webwxbot.plugins.autoreply;

/**
 * The words of a group message that @-mentions me, without the mention, so {@code "@Bot\u2005help"} matches a rule
 * for {@code help}. PROTOCOL.md 9.6: a mention is {@code @} and a name, then U+2005 (phone clients), a space (PC
 * clients) or the end of the text.
 */
final class MentionText {

    private static final char MENTION_SEPARATOR = '\u2005';

    private MentionText() {
    }

    /**
     * Removes {@code @myNickName} wherever it stands as a mention, then any mentions left at the start (phone
     * clients end every mention with U+2005, which is how a mention by my in-group name, unknown to a plugin, is
     * recognised). The result is stripped of surrounding white space.
     */
    static String withoutMentionOfMe(String text, String myNickName) {
        String rest = myNickName.isEmpty() ? text : removeMention(text, "@" + myNickName);
        rest = rest.strip();
        while (rest.startsWith("@")) {
            int separator = rest.indexOf(MENTION_SEPARATOR);
            if (separator < 0) break;
            rest = rest.substring(separator + 1).strip();
        }
        return rest;
    }

    private static String removeMention(String text, String flag) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int at = text.indexOf(flag);
        while (at >= 0) {
            int after = at + flag.length();
            boolean atEnd = after == text.length();
            if (atEnd || text.charAt(after) == MENTION_SEPARATOR || text.charAt(after) == ' ') {
                out.append(text, from, at);
                from = atEnd ? after : after + 1;
                at = text.indexOf(flag, from);
            } else {
                at = text.indexOf(flag, at + 1);
            }
        }
        return out.append(text, from, text.length()).toString();
    }
}
