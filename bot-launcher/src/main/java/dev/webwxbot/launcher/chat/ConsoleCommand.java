package dev.webwxbot.launcher.chat;

import dev.webwxbot.safeoutput.TerminalText;
import java.util.Locale;
import java.util.Optional;

/**
 * One line the user typed, understood. The send commands are the original terminal client's, typed without
 * brackets: {@code ->NAME:TEXT}, {@code m->NAME:PATH}, {@code f->NAME:PATH}, {@code i->NAME:PATH},
 * {@code e->NAME:PATH}, {@code quit}; NAME ends at the first {@code :}. {@code v->NAME:PATH} (a video) is made the
 * same way, as the original had no video command. The slash commands are this client's own.
 */
sealed interface ConsoleCommand {

    /** What a send command sends. */
    enum Kind {
        TEXT("->", "text"),
        TEXT_FILE("m->", "the text in a file"),
        FILE("f->", "a file"),
        IMAGE("i->", "an image"),
        EMOTICON("e->", "an emoticon (jpg/gif)"),
        VIDEO("v->", "a video (mp4)");

        final String prefix;
        final String what;

        Kind(String prefix, String what) {
            this.prefix = prefix;
            this.what = what;
        }
    }

    /** {@code ->NAME:TEXT} and friends; {@code argument} is the text or the path. */
    record Send(Kind kind, String name, String argument) implements ConsoleCommand {
    }

    /** A line that is no command: text for the chat chosen with {@code /to}. */
    record Plain(String text) implements ConsoleCommand {
    }

    record SwitchChat(String name) implements ConsoleCommand {
    }

    record ListChats() implements ConsoleCommand {
    }

    record Help() implements ConsoleCommand {
    }

    /** {@code /auto on|off}; {@code /auto} alone shows the state. */
    record AutoReply(Optional<Boolean> on) implements ConsoleCommand {
    }

    /**
     * A plugin's command, run as the account's owner in the current chat: {@code /run remind 10m tea}, or, when the
     * commands' prefix is not one of this console's own commands, the line as the chat would see it
     * ({@code /remind 10m tea}, {@code #remind 10m tea}); {@code command} is without the prefix.
     */
    record BotCommand(String command) implements ConsoleCommand {
    }

    record Quit() implements ConsoleCommand {
    }

    /** Nothing typed. */
    record Empty() implements ConsoleCommand {
    }

    /** A mistake, with what to type instead. */
    record Invalid(String message) implements ConsoleCommand {
    }

    /** This console's own slash commands, which a plugin command of the same name cannot hide. */
    java.util.Set<String> OWN = java.util.Set.of("/help", "/chats", "/to", "/auto", "/run", "/quit");

    static ConsoleCommand parse(String line) {
        return parse(line, "", java.util.Set.of());
    }

    /**
     * @param commandPrefix what the plugins' commands start with; a line starting with it and a name of
     *     {@code commandNames} that is no command of this console runs as a plugin command. Empty: only {@code /run}
     *     does.
     * @param commandNames the names that reach the plugins' commands now (lower case)
     */
    static ConsoleCommand parse(String line, String commandPrefix, java.util.Set<String> commandNames) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) return new Empty();
        if (trimmed.equals("quit") || trimmed.equals("/quit")) return new Quit();
        for (Kind kind : Kind.values()) {
            if (line.startsWith(kind.prefix)) return send(kind, line.substring(kind.prefix.length()));
        }
        String firstWord = trimmed.split("\\s", 2)[0].toLowerCase(Locale.ROOT);
        if (!commandPrefix.isEmpty() && trimmed.length() > commandPrefix.length() && trimmed.startsWith(commandPrefix)
                && !OWN.contains(firstWord) && commandNames.contains(firstWord.substring(commandPrefix.length()))) {
            return new BotCommand(trimmed.substring(commandPrefix.length()));
        }
        return trimmed.startsWith("/") ? slash(trimmed) : new Plain(line);
    }

    private static ConsoleCommand send(Kind kind, String rest) {
        int colon = rest.indexOf(':');
        String usage = kind.prefix + "NAME:" + (kind == Kind.TEXT ? "TEXT" : "PATH");
        if (colon < 0) return new Invalid("missing ':' — type " + usage);
        String name = rest.substring(0, colon).strip();
        // Text is sent as typed; a path loses the spaces around it, which nobody means.
        String argument = kind == Kind.TEXT ? rest.substring(colon + 1) : rest.substring(colon + 1).strip();
        if (name.isEmpty()) return new Invalid("missing NAME — type " + usage);
        if (argument.isBlank()) {
            return new Invalid("nothing to send — type " + usage);
        }
        return new Send(kind, name, argument);
    }

    private static ConsoleCommand slash(String line) {
        int space = line.indexOf(' ');
        String command = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        return switch (command) {
            case "/help" -> new Help();
            case "/chats" -> new ListChats();
            case "/run" -> argument.isEmpty() ? new Invalid("type /run COMMAND, e.g. /run help") : new BotCommand(argument);
            case "/to" -> argument.isEmpty() ? new Invalid("type /to NAME") : new SwitchChat(argument);
            case "/auto" -> switch (argument.toLowerCase(Locale.ROOT)) {
                case "" -> new AutoReply(Optional.empty());
                case "on" -> new AutoReply(Optional.of(true));
                case "off" -> new AutoReply(Optional.of(false));
                default -> new Invalid("type /auto on or /auto off");
            };
            default -> new Invalid("unknown command " + TerminalText.clean(command) + " — type /help");
        };
    }
}
