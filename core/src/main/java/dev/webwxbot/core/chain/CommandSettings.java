package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * How commands are written: the prefix before a command's name ({@code /} by default, {@code #}, or empty for
 * none). Immutable.
 *
 * @param prefix what a command starts with; empty means a message's first word is tried as a command name (unknown
 *     names are then not answered, since ordinary talk would be)
 */
public record CommandSettings(String prefix) {

    public CommandSettings {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.equals(prefix.strip())) {
            throw new IllegalArgumentException("the command prefix must not contain spaces around it: '" + prefix + "'");
        }
    }

    /** Commands start with {@code /}. */
    public static CommandSettings defaults() {
        return new CommandSettings("/");
    }

    /**
     * Reads the operator's block {@code webwx-bot.commands}: {@code prefix}; a key left out keeps its default.
     *
     * @throws com.typesafe.config.ConfigException naming the key for a value of the wrong type
     * @throws IllegalArgumentException for a prefix with spaces around it
     */
    public static CommandSettings read(Config commands) {
        return commands.hasPath("prefix") ? new CommandSettings(commands.getString("prefix")) : defaults();
    }
}
