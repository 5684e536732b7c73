package dev.webwxbot.launcher.emulator;

import java.util.Locale;

/**
 * One line typed at the emulator console, parsed. Commands are recognised by their first word; anything else of
 * the form {@code NAME: TEXT} is a message: {@code Alice: hello} from a friend, {@code @Team/Bob: hi} from a member
 * in a group, each optionally prefixed with {@code account/}. A name that starts with a command word or holds a
 * {@code :} or {@code /} is typed by its wxid instead. Immutable.
 */
sealed interface ConsoleCommand {

    /** Words that start a command rather than a message. */
    java.util.List<String> WORDS = java.util.List.of("help", "accounts", "login", "logout", "revoke", "request", "quit");

    record Empty() implements ConsoleCommand {
    }

    record Help() implements ConsoleCommand {
    }

    record Accounts() implements ConsoleCommand {
    }

    record Quit() implements ConsoleCommand {
    }

    /** {@code login [ACCOUNT]}: the phone scans and confirms the newest QR code. */
    record Login(String account) implements ConsoleCommand {
    }

    /** {@code logout [ACCOUNT]}: the phone logs the web out. */
    record Logout(String account) implements ConsoleCommand {
    }

    /** {@code revoke LAST} or {@code revoke MSGID}: the writer withdraws that message. */
    record Revoke(String msgId) implements ConsoleCommand {
        static final String LAST = "LAST";
    }

    /** {@code request [ACCOUNT/]NAME GREETING}: a stranger asks to be added. */
    record Request(String account, String nickName, String greeting) implements ConsoleCommand {
    }

    /** {@code [ACCOUNT/]NAME: TEXT} (friend) or {@code @[ACCOUNT/]GROUP/MEMBER: TEXT} (member in a group). */
    record Say(String account, String group, String sender, String text) implements ConsoleCommand {
    }

    record Invalid(String message) implements ConsoleCommand {
    }

    static ConsoleCommand parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) return new Empty();
        String[] words = trimmed.split("\\s+", 2);
        String word = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        if (WORDS.contains(word)) {
            return command(word, rest);
        }
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            return new Invalid("not a command nor NAME: TEXT (type help)");
        }
        String text = trimmed.substring(colon + 1).strip();
        if (text.isEmpty()) return new Invalid("nothing to say after the colon");
        return say(trimmed.substring(0, colon).strip(), text);
    }

    private static ConsoleCommand command(String word, String rest) {
        return switch (word) {
            case "help" -> new Help();
            case "accounts" -> new Accounts();
            case "quit" -> new Quit();
            case "login" -> new Login(rest);
            case "logout" -> new Logout(rest);
            case "revoke" -> rest.isEmpty() || rest.contains(" ")
                    ? new Invalid("usage: revoke LAST | revoke MSGID")
                    : new Revoke(rest.equalsIgnoreCase(Revoke.LAST) ? Revoke.LAST : rest);
            case "request" -> {
                String[] parts = rest.split("\\s+", 2);
                if (parts[0].isEmpty() || parts.length < 2) {
                    yield new Invalid("usage: request [ACCOUNT/]NAME GREETING");
                }
                int slash = parts[0].indexOf('/');
                yield slash < 0 ? new Request("", parts[0], parts[1].strip())
                        : new Request(parts[0].substring(0, slash), parts[0].substring(slash + 1), parts[1].strip());
            }
            default -> throw new IllegalStateException(word);
        };
    }

    private static ConsoleCommand say(String name, String text) {
        if (name.startsWith("@")) {
            String[] parts = name.substring(1).split("/", -1);
            return switch (parts.length) {
                case 2 -> blank(parts) ? usage() : new Say("", parts[0].strip(), parts[1].strip(), text);
                case 3 -> blank(parts) ? usage() : new Say(parts[0].strip(), parts[1].strip(), parts[2].strip(), text);
                default -> usage();
            };
        }
        String[] parts = name.split("/", -1);
        return switch (parts.length) {
            case 1 -> new Say("", "", parts[0], text);
            case 2 -> blank(parts) ? usage() : new Say(parts[0].strip(), "", parts[1].strip(), text);
            default -> usage();
        };
    }

    private static boolean blank(String[] parts) {
        for (String part : parts) {
            if (part.isBlank()) return true;
        }
        return false;
    }

    private static Invalid usage() {
        return new Invalid("say it as NAME: TEXT, @GROUP/MEMBER: TEXT, or with ACCOUNT/ in front of either");
    }
}
