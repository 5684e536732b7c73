package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.DidYouMean;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A reply text with placeholders, parsed and checked once when the rules are loaded so that sending can never fail
 * on a typo. Placeholders: those of the rule's trigger ({@link Trigger#fields()}: {@code {sender}}, {@code {group}},
 * {@code {chat}}, {@code {text}} for messages; {@code {member}}, {@code {inviter}} for group changes;
 * {@code {nickname}}, {@code {greeting}} for friend requests), {@code {time}} or
 * {@code {time:<DateTimeFormatter pattern>}}, {@code {0}}…{@code {n}} and {@code {name}} for regular-expression
 * captures; {@code {{} and {@code }}} write literal braces. Immutable and thread-safe.
 */
final class Template {

    static final DateTimeFormatter DEFAULT_TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final String TIME = "time";
    private static final ZonedDateTime SAMPLE_TIME = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);


    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code source}.
     *
     * @param groupCount the numbered groups the rule's pattern has (-1 when it is not a regular expression)
     * @param groupNames the named groups it has
     * @param fields the placeholders the rule's trigger gives values for
     * @throws IllegalArgumentException naming the first problem: an unknown placeholder, a group the pattern lacks,
     *     a bad time format, an unclosed or unopened brace
     */
    static Template parse(String source, int groupCount, Set<String> groupNames, Set<String> fields) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{' && source.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && source.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("'}' at position " + i + " closes nothing; write }} for a literal brace");
            } else if (c == '{') {
                int close = source.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "'{' at position " + i + " is never closed; write {{ for a literal brace");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(placeholder(source.substring(i + 1, close), groupCount, groupNames, fields));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
        return new Template(parts);
    }

    private static Part placeholder(String body, int groupCount, Set<String> groupNames, Set<String> fields) {
        String name = body.strip();
        if (name.equals(TIME)) return new Time(DEFAULT_TIME_FORMAT);
        if (name.startsWith(TIME + ":")) {
            String pattern = body.substring(body.indexOf(':') + 1);
            try {
                DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
                format.format(SAMPLE_TIME); // a letter the formatter accepts may still name a field times lack
                return new Time(format);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("{" + body + "} has a bad time format '" + pattern + "': "
                        + e.getMessage());
            }
        }
        if (fields.contains(name)) return new Field(name);
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            int group = name.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(name);
            if (group > groupCount) {
                throw new IllegalArgumentException("{" + name + "} needs capture group " + name + " but the rule's "
                        + (groupCount < 0 ? "matcher has no groups (only regex rules capture)"
                                : "regex has " + groupCount));
            }
            return new Group(group);
        }
        if (groupNames.contains(name)) return new NamedGroup(name);
        Set<String> known = new TreeSet<>(fields);
        known.add(TIME);
        known.add("time:<format>");
        if (groupCount > 0) known.add("0.." + groupCount);
        known.addAll(groupNames);
        String guess = DidYouMean.closest(name, known).map(s -> "did you mean {" + s + "}? ").orElse("");
        throw new IllegalArgumentException("unknown placeholder {" + body + "}; " + guess + "known: " + known);
    }

    /** The text for one message. */
    String render(TemplateValues values) {
        return render(values, UnaryOperator.identity());
    }

    /**
     * The text for one message with every placeholder's value passed through {@code escape} and the literal text
     * left as written: an HTTP action URL-encodes what a message put into its URL, but not the URL itself.
     */
    String render(TemplateValues values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Field field -> out.append(escape.apply(values.fields().getOrDefault(field.name(), "")));
                case Time time -> out.append(escape.apply(time.format().format(values.now())));
                case Group group -> out.append(escape.apply(group.index() < values.captures().numbered().size()
                        ? values.captures().numbered().get(group.index()) : ""));
                case NamedGroup named -> out.append(escape.apply(values.captures().named().getOrDefault(named.name(), "")));
            }
        }
        return out.toString();
    }

    /** Whether the text depends on the message (false for text without placeholders). */
    boolean hasPlaceholders() {
        return parts.stream().anyMatch(part -> !(part instanceof Literal));
    }

    /**
     * What the placeholders stand for on one occasion.
     *
     * @param fields the trigger's placeholders by name ({@code sender}, {@code member} …)
     * @param now the time, in the rule's zone
     */
    record TemplateValues(Map<String, String> fields, ZonedDateTime now, Captures captures) {
        TemplateValues {
            fields = Map.copyOf(fields);
        }
    }

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record Field(String name) implements Part {
    }

    private record Time(DateTimeFormatter format) implements Part {
    }

    private record Group(int index) implements Part {
    }

    private record NamedGroup(String name) implements Part {
    }
}
