package dev.webwxbot.server;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A HOCON syntax error in plain words. Typesafe Config reports a missing {@code }} or {@code ]} as "expecting a close
 * parentheses ')' here" (its parser reuses the message of {@code include file(...)} for an unfinished value), which
 * sends the operator looking for a parenthesis the file never had. Here the file is scanned for its brackets instead,
 * and the one left open (or closed by the wrong kind) is named with its line. Stateless.
 */
final class HoconSyntax {

    private static final String MISLEADING = "expecting a close parentheses ')' here, not: ";

    private HoconSyntax() {
    }

    /** One line, {@code file:line: what is wrong}, for a parse error of the operator's file or a file it includes. */
    static String explain(ConfigException.Parse e) {
        ConfigOrigin origin = e.origin();
        String where = ConfigPluginSettings.where(origin).orElse("configuration");
        String message = withoutOrigin(e.getMessage(), origin);
        int misleading = message.indexOf(MISLEADING);
        if (misleading < 0) return where + ": " + message;
        String found = message.substring(misleading + MISLEADING.length()).strip();
        Optional<String> brackets = Optional.ofNullable(origin == null ? null : origin.filename())
                .flatMap(HoconSyntax::read).flatMap(HoconSyntax::unbalanced);
        String file = origin != null && origin.filename() != null ? origin.filename() : "";
        return brackets.map(problem -> file + ":" + problem)
                .orElse(where + ": unexpected " + found + " here; is a '}' or ']' missing before it?");
    }

    /** Typesafe's message starts with the origin's description; drop it, it is given in front already. */
    private static String withoutOrigin(String message, ConfigOrigin origin) {
        if (message == null) return "not valid HOCON";
        String prefix = origin == null ? null : origin.description() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The first bracket problem of {@code text} as {@code line: what is wrong}: a closing bracket of the wrong kind,
     * one that closes nothing, or one never closed. Strings, comments and {@code ${...}} substitutions are skipped.
     * Empty when the brackets balance.
     */
    static Optional<String> unbalanced(String text) {
        Deque<int[]> open = new ArrayDeque<>(); // {bracket, line}
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '#' || text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') i++;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? text.length() : end + 3;
                line += count(text, i, stop);
                i = stop;
            } else if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i < text.length() && text.charAt(i) == '"') i++;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '{' || c == '[') {
                open.push(new int[] {c, line});
                i++;
            } else if (c == '}' || c == ']') {
                char expected = c == '}' ? '{' : '[';
                if (open.isEmpty()) return Optional.of(line + ": '" + c + "' closes nothing; remove it or add the '"
                        + expected + "' it should close");
                int[] top = open.pop();
                if (top[0] != expected) {
                    return Optional.of(line + ": '" + c + "' cannot close the '" + (char) top[0] + "' opened on line "
                            + top[1] + ": a '" + closer(top[0]) + "' is missing before it");
                }
                i++;
            } else {
                i++;
            }
        }
        if (open.isEmpty()) return Optional.empty();
        int[] top = open.peek();
        return Optional.of(top[1] + ": the '" + (char) top[0] + "' opened here is never closed: a '" + closer(top[0])
                + "' is missing");
    }

    private static char closer(int bracket) {
        return bracket == '{' ? '}' : ']';
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) if (text.charAt(i) == '\n') lines++;
        return lines;
    }
}
