package dev.webwxbot.api.command;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.TextMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed and checked call of a {@link Command}: the message it came in and its arguments by name, each of its
 * kind's type (see {@link Argument.Kind}). An optional argument left out has its default, or is absent when it has
 * none ({@link #has}). Immutable.
 *
 * @param command the command called
 * @param message the message that called it; its sender and chat
 * @param values the arguments given or defaulted, by name
 */
public record CommandCall(Command command, TextMessage message, Map<String, Object> values) {

    public CommandCall {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(message, "message");
        values = Map.copyOf(values);
    }

    /** Who sent the command. */
    public Contact sender() {
        return message.sender();
    }

    /** Where it was sent: the group, or the friend. */
    public Contact chat() {
        return message.chat();
    }

    /** Whether the argument {@code name} has a value (given, or defaulted). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A {@link Argument.Kind#WORD word}, {@link Argument.Kind#CHOICE choice} or {@link Argument.Kind#REST rest}. */
    public String text(String name) {
        return value(name, String.class);
    }

    public long integer(String name) {
        return value(name, Long.class);
    }

    public double number(String name) {
        return value(name, Double.class);
    }

    public Duration duration(String name) {
        return value(name, Duration.class);
    }

    public Contact contact(String name) {
        return value(name, Contact.class);
    }

    private <T> T value(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            boolean declared = command.arguments().stream().anyMatch(a -> a.name().equals(name));
            throw new IllegalArgumentException(declared ? "'" + name + "' was left out; ask has(\"" + name + "\") first"
                    : "command '" + command.name() + "' has no argument '" + name + "'");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("'" + name + "' is a " + value.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(value);
    }
}
