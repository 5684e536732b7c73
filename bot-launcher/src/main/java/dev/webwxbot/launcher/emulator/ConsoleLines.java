package dev.webwxbot.launcher.emulator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.webwxbot.launcher.chat.ConsoleOutput;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * The console's terminal plumbing: lines printed above the prompt in order on one virtual thread (so a chatter
 * line never splits what is being typed, and network threads never write to the terminal), a {@link PrintStream}
 * view of that for the code that prints with {@code System.out}, and completion of command words and names. The
 * callers pass text already cleaned through {@code TerminalText}. Thread-safe; {@link #close()} prints what is
 * queued, then stops.
 */
final class ConsoleLines implements AutoCloseable {

    private final ConsoleOutput output;

    ConsoleLines(LineReader reader) {
        this.output = new ConsoleOutput(reader);
    }

    void say(String line) {
        output.say(line);
    }

    /** A stream whose every line goes to {@link #say}; for {@code System.setOut} while the console runs. */
    PrintStream stream() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    say(pending.toString(StandardCharsets.UTF_8).stripTrailing());
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        output.close();
    }

    /**
     * Completion: the command word at the start, then (before a colon) the whole line so far as a name, spaces
     * included, since a nickname such as "Weekend hikers" is one name here. After {@code request}, {@code login}
     * and {@code logout} the rest of the line is the word. Nothing is quoted or escaped: a line is taken as typed.
     */
    static final class LineParser implements Parser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            int end = Math.min(cursor, line.length());
            String head = line.substring(0, end);
            int start = 0;
            int space = head.indexOf(' ');
            if (space > 0 && ConsoleCommand.WORDS.contains(head.substring(0, space))) {
                start = space + 1;
            } else if (head.indexOf(':') >= 0) {
                start = end; // the text of a message: nothing to complete
            }
            return new Line(line, end, head.substring(0, start), head.substring(start));
        }
    }

    /** Completes with what {@code names} offers (names end with a colon) and the command words. */
    record NameCompleter(java.util.function.Supplier<List<String>> names) implements Completer {
        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            if (!(line instanceof Line parsed)) return;
            if (parsed.before().isEmpty()) {
                ConsoleCommand.WORDS.forEach(word -> candidates.add(new Candidate(word)));
                for (String name : names.get()) {
                    candidates.add(new Candidate(name, name, null, null, null, null, false));
                }
            } else if (parsed.before().startsWith("request ")) {
                // A new stranger's name is free text; only the account prefix could be completed, and is typed.
                return;
            }
        }
    }

    /** {@code words = [before, word]}, the cursor at the end of the word. */
    record Line(String line, int cursor, String before, String word) implements CompletingParsedLine {
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
}
