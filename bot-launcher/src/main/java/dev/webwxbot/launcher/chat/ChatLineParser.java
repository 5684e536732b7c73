package dev.webwxbot.launcher.chat;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits a console line for JLine the way the commands read, so completion knows what the cursor is on: the NAME
 * after {@code ->}, {@code m->}, …, the PATH after the colon, the NAME after {@code /to}, the word after
 * {@code /auto}, or a slash command. No quoting or escaping: an accepted line is always taken exactly as typed
 * (JLine's default parser would wait for a second line after a nickname with an unpaired quote). Stateless.
 */
final class ChatLineParser implements Parser {

    /** What the word under the cursor is. */
    enum Slot { SEND_NAME, PATH, CHAT_NAME, AUTO_SWITCH, COMMAND, NONE }

    /** The line as completion sees it: {@code words = [before, word]}, the cursor in the second. */
    record ChatLine(String line, int cursor, Slot slot, String before, String word) implements CompletingParsedLine {
        @Override
        public String word() {
            return word;
        }

        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 1;
        }

        @Override
        public List<String> words() {
            return List.of(before, word);
        }

        /** Nothing is quoted or escaped in these commands: a candidate goes in as it is. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context != ParseContext.COMPLETE) return new ChatLine(line, cursor, Slot.NONE, "", line);
        return forCompletion(line, cursor);
    }

    static ChatLine forCompletion(String line, int cursor) {
        String head = line.substring(0, Math.min(cursor, line.length()));
        for (ConsoleCommand.Kind kind : ConsoleCommand.Kind.values()) {
            if (head.startsWith(kind.prefix)) {
                int colon = head.indexOf(':');
                if (colon < 0) return split(line, cursor, Slot.SEND_NAME, kind.prefix.length());
                // Text is not completed; a path is, starting after the spaces that may follow the colon.
                if (kind == ConsoleCommand.Kind.TEXT) return split(line, cursor, Slot.NONE, cursor);
                int start = colon + 1;
                while (start < head.length() && head.charAt(start) == ' ') start++;
                return split(line, cursor, Slot.PATH, start);
            }
        }
        if (head.startsWith("/to ")) return split(line, cursor, Slot.CHAT_NAME, "/to ".length());
        if (head.startsWith("/auto ")) return split(line, cursor, Slot.AUTO_SWITCH, "/auto ".length());
        if (head.startsWith("/") && head.indexOf(' ') < 0) return split(line, cursor, Slot.COMMAND, 0);
        return split(line, cursor, Slot.NONE, head.length());
    }

    private static ChatLine split(String line, int cursor, Slot slot, int wordStart) {
        int end = Math.min(cursor, line.length());
        int start = Math.min(wordStart, end);
        return new ChatLine(line, end, slot, line.substring(0, start), line.substring(start, end));
    }
}
