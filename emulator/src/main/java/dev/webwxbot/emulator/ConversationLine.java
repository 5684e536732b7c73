package dev.webwxbot.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's conversations as it happened. Immutable and thread-safe.
 *
 * @param time      when the emulator saw it
 * @param from      the writer's nickname
 * @param to        the addressee's nickname (a group's name for group lines)
 * @param text      the plain text, unescaped
 * @param direction seen from the account
 */
public record ConversationLine(Instant time, String from, String to, String text, Direction direction) {
    public ConversationLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(direction, "direction");
    }
}
