package dev.webwxbot.api.command;

import dev.webwxbot.api.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A command a plugin offers: {@code /remind 10m tea}. Declared with a builder and returned from
 * {@link dev.webwxbot.api.MessageHandler#commands()}; the bot parses each call, checks where it was sent and who sent
 * it, and runs the action in the plugin's turn of the chain. Immutable and thread-safe.
 *
 * <pre>{@code
 * Command.named("remind").alias("r")
 *         .argument(Argument.duration("when"))
 *         .argument(Argument.rest("text"))
 *         .describedAs("reminds you of something later")
 *         .role(Role.MEMBER)
 *         .runs((call, context) -> context.reply("will do in " + call.duration("when")));
 * }</pre>
 *
 * <p>Defaults: usable by {@link Role#ANYONE}, in every chat the plugin hears; in a group only when the message
 * @-mentions the bot ({@link Builder#withoutMention()} lifts that).
 *
 * @param name the name, lower case, typed after the prefix
 * @param aliases other names for it, lower case
 * @param arguments its arguments in order
 * @param description one line for {@code help}; may be empty
 * @param places where it may be used: {@code friends}, {@code groups} or a chat's remark name or nickname; empty
 *     for every chat the plugin hears
 * @param role the least role a sender needs
 * @param needsMention whether, in a group, the bot must be @-mentioned
 * @param action what it does
 */
public record Command(String name, List<String> aliases, List<Argument> arguments, String description,
                      List<String> places, Role role, boolean needsMention, CommandAction action) {

    public Command {
        name = checkedName(name);
        aliases = aliases.stream().map(Command::checkedName).toList();
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(description, "description");
        places = List.copyOf(places);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Set<String> seen = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < arguments.size(); i++) {
            Argument argument = arguments.get(i);
            if (!seen.add(argument.name())) {
                throw new IllegalArgumentException("command '" + name + "' has two arguments named '" + argument.name() + "'");
            }
            if (argument.kind() == Argument.Kind.REST && i < arguments.size() - 1) {
                throw new IllegalArgumentException("command '" + name + "': the rest of the line '" + argument.name()
                        + "' must be the last argument");
            }
            if (optionalSeen && argument.required()) {
                throw new IllegalArgumentException("command '" + name + "': '" + argument.name()
                        + "' is required but follows an optional argument");
            }
            optionalSeen |= !argument.required();
        }
    }

    /** Starts declaring the command {@code name} (one word; compared ignoring case). */
    public static Builder named(String name) {
        return new Builder(checkedName(name));
    }

    /** Every name it answers to: its name, then its aliases. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(aliases);
        return List.copyOf(all);
    }

    /** The usage line: {@code /remind <when> <text...>}, with {@code prefix} before the name. */
    public String usage(String prefix) {
        StringBuilder line = new StringBuilder(prefix).append(name);
        for (Argument argument : arguments) line.append(' ').append(argument.usage());
        return line.toString();
    }

    private static String checkedName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':')) {
            throw new IllegalArgumentException("a command's name is one word without ':', not '" + name + "'");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Declares a command step by step; {@link #runs} finishes it. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Argument> arguments = new ArrayList<>();
        private final List<String> places = new ArrayList<>();
        private String description = "";
        private Role role = Role.ANYONE;
        private boolean needsMention = true;

        private Builder(String name) {
            this.name = name;
        }

        /** Another name it answers to. */
        public Builder alias(String alias) {
            aliases.add(checkedName(alias));
            return this;
        }

        /** The next argument. */
        public Builder argument(Argument argument) {
            arguments.add(Objects.requireNonNull(argument, "argument"));
            return this;
        }

        /** The line {@code help} shows beside it. */
        public Builder describedAs(String text) {
            description = Objects.requireNonNull(text, "text").strip();
            return this;
        }

        /** The least role a sender needs (default {@link Role#ANYONE}). */
        public Builder role(Role needed) {
            role = Objects.requireNonNull(needed, "needed");
            return this;
        }

        /**
         * Where it may be used: {@code "friends"}, {@code "groups"}, or chats by remark name or nickname; by default
         * every chat the plugin hears. Calls elsewhere are ignored, and {@code help} does not list it there.
         */
        public Builder allowedIn(String... chats) {
            for (String chat : chats) places.add(Objects.requireNonNull(chat, "chat"));
            return this;
        }

        /** In groups, runs without the bot being @-mentioned too. */
        public Builder withoutMention() {
            needsMention = false;
            return this;
        }

        /** Finishes the declaration with what the command does. */
        public Command runs(CommandAction action) {
            return new Command(name, aliases, arguments, description, places, role, needsMention, action);
        }
    }
}
