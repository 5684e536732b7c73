package dev.webwxbot.api.command;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed argument of a {@link Command}, as the user types it after the command's name. Immutable.
 *
 * <pre>{@code
 * Argument.duration("when")                    // 10m, 1h30m, 2d, 45s
 * Argument.integer("count").orElse(1L)         // optional, 1 when left out
 * Argument.choice("unit", "c", "f")            // exactly one of these words, case ignored
 * Argument.rest("text")                        // everything after the arguments before it, as written
 * }</pre>
 *
 * <p>Arguments are separated by spaces; a word with spaces is written in double quotes ({@code "Alice Wong"}). An
 * optional argument may only be followed by optional ones. {@link Kind#REST} comes last.
 *
 * @param name how the usage line and {@link CommandCall} name it
 * @param kind what the user types and what the command gets
 * @param choices for {@link Kind#CHOICE}, the words allowed, in lower case; empty otherwise
 * @param required whether the argument must be given (not {@link #optional()})
 * @param fallback the value a left-out optional argument takes; empty when it has none
 */
public record Argument(String name, Kind kind, List<String> choices, boolean required, Optional<Object> fallback) {

    /** What an argument is. */
    public enum Kind {
        /** One word (or a quoted phrase); a {@link String}. */
        WORD,
        /** A whole number such as {@code 42} or {@code -3}; a {@link Long}. */
        INTEGER,
        /** A decimal number such as {@code 2.5}; a {@link Double}. */
        NUMBER,
        /** A duration written as numbers with units d, h, m, s: {@code 10m}, {@code 1h30m}; a {@link Duration}. */
        DURATION,
        /**
         * A person: in a group an {@code @}-mentioned member (or a member's name), elsewhere a name found in the
         * address book; a {@link dev.webwxbot.api.Contact}.
         */
        CONTACT,
        /** One of a fixed set of words, compared ignoring case; the {@link String} as declared. */
        CHOICE,
        /** The rest of the line as written (spaces kept); a {@link String}. */
        REST
    }

    public Argument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
        Objects.requireNonNull(fallback, "fallback");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an argument's name is one word, not '" + name + "'");
        }
        if (kind == Kind.CHOICE && choices.isEmpty()) throw new IllegalArgumentException("choice '" + name + "' has no choices");
        if (fallback.isPresent() && required) throw new IllegalArgumentException("a default makes '" + name + "' optional");
    }

    public static Argument word(String name) {
        return new Argument(name, Kind.WORD, List.of(), true, Optional.empty());
    }

    public static Argument integer(String name) {
        return new Argument(name, Kind.INTEGER, List.of(), true, Optional.empty());
    }

    public static Argument number(String name) {
        return new Argument(name, Kind.NUMBER, List.of(), true, Optional.empty());
    }

    public static Argument duration(String name) {
        return new Argument(name, Kind.DURATION, List.of(), true, Optional.empty());
    }

    public static Argument contact(String name) {
        return new Argument(name, Kind.CONTACT, List.of(), true, Optional.empty());
    }

    /** One of {@code choices} (at least one; compared ignoring case). */
    public static Argument choice(String name, String... choices) {
        return new Argument(name, Kind.CHOICE, List.of(choices), true, Optional.empty());
    }

    public static Argument rest(String name) {
        return new Argument(name, Kind.REST, List.of(), true, Optional.empty());
    }

    /** This argument, which may be left out: {@link CommandCall#has} tells whether it was given. */
    public Argument optional() {
        return new Argument(name, kind, choices, false, Optional.empty());
    }

    /**
     * This argument, optional, with {@code value} when left out; the value must be of the kind's type
     * ({@link Long} for an integer, {@link Duration} for a duration, and so on).
     */
    public Argument orElse(Object value) {
        Objects.requireNonNull(value, "value");
        Class<?> type = switch (kind) {
            case WORD, CHOICE, REST -> String.class;
            case INTEGER -> Long.class;
            case NUMBER -> Double.class;
            case DURATION -> Duration.class;
            case CONTACT -> dev.webwxbot.api.Contact.class;
        };
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("the default of '" + name + "' must be a " + type.getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
        return new Argument(name, kind, choices, false, Optional.of(value));
    }

    /** How the usage line shows it: {@code <when>}, {@code [count]}, {@code <unit: c|f>}, {@code <text...>}. */
    public String usage() {
        String inside = name + (kind == Kind.CHOICE ? ": " + String.join("|", choices) : "")
                + (kind == Kind.REST ? "..." : "");
        return !required ? "[" + inside + "]" : "<" + inside + ">";
    }
}
