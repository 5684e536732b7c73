package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.DidYouMean;
import dev.webwxbot.api.command.Argument;
import dev.webwxbot.api.command.Command;
import dev.webwxbot.api.event.TextMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads commands out of text messages: finds the prefix and the command's name (after the @-mention of the bot in a
 * group), then its typed arguments. Every problem becomes a sentence a user understands. Stateless.
 */
final class CommandParser {

    /** The web client puts U+2005 (four-per-em space) after an @-mention. */
    private static final char MENTION_END = '\u2005';
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private CommandParser() {
    }

    /**
     * A message that calls a command: its name (lower case, possibly {@code plugin:name}), the text after the name,
     * and whether the bot was @-mentioned.
     */
    record Invocation(String name, String arguments, boolean mentioned) {
    }

    /** What parsing a call's arguments gave: the values by name, or what is wrong in plain words. */
    sealed interface Parsed {
        record Values(Map<String, Object> values) implements Parsed {
        }

        record Wrong(String problem) implements Parsed {
        }
    }

    /**
     * The command this message calls, if it starts (after the @-mention of the bot, in a group) with {@code prefix}
     * and a name; empty for any other text, and for the account's own messages.
     */
    static Optional<Invocation> invocation(TextMessage message, String prefix, Bot bot) {
        if (message.envelope().fromSelf()) return Optional.empty();
        String text = message.text();
        boolean mentioned = message.envelope().inGroup() && message.envelope().mentionsMe();
        if (mentioned) text = withoutMention(text, message.chat(), bot);
        return invocation(text.strip(), prefix, mentioned);
    }

    /** As above for text already freed of the mention: the terminal's lines. */
    static Optional<Invocation> invocation(String text, String prefix, boolean mentioned) {
        if (!text.startsWith(prefix)) return Optional.empty();
        String afterPrefix = text.substring(prefix.length());
        int end = 0;
        while (end < afterPrefix.length() && !Character.isWhitespace(afterPrefix.charAt(end))) end++;
        if (end == 0) return Optional.empty();
        String name = afterPrefix.substring(0, end).toLowerCase(Locale.ROOT);
        return Optional.of(new Invocation(name, afterPrefix.substring(end), mentioned));
    }

    /** {@code text} with the first @-mention of the bot (by its name in the group, else its nickname) taken out. */
    static String withoutMention(String text, Contact group, Bot bot) {
        Contact self = bot.self();
        String inGroup = bot.contacts().members(group).stream().filter(m -> m.userName().equals(self.userName()))
                .map(Contact::groupDisplayName).findFirst().orElse("");
        for (String name : Stream.of(inGroup, self.nickName()).filter(n -> !n.isEmpty()).toList()) {
            String flag = "@" + name;
            for (int at = text.indexOf(flag); at >= 0; at = text.indexOf(flag, at + 1)) {
                int after = at + flag.length();
                if (after == text.length() || text.charAt(after) == MENTION_END || text.charAt(after) == ' ') {
                    return text.substring(0, at) + text.substring(Math.min(after + 1, text.length()));
                }
            }
        }
        return text;
    }

    /** Parses {@code text}, what followed the command's name, into its arguments. */
    static Parsed arguments(Command command, String text, Contact chat, Contacts contacts) {
        Map<String, Object> values = new LinkedHashMap<>();
        int position = 0;
        for (Argument argument : command.arguments()) {
            position = skipSpaces(text, position);
            if (argument.kind() == Argument.Kind.REST) {
                String rest = text.substring(position).strip();
                position = text.length();
                if (!rest.isEmpty()) values.put(argument.name(), rest);
                else if (argument.required()) return new Parsed.Wrong(argument.usage() + " is missing");
                else argument.fallback().ifPresent(v -> values.put(argument.name(), v));
                continue;
            }
            if (position >= text.length()) {
                if (argument.required()) return new Parsed.Wrong(argument.usage() + " is missing");
                argument.fallback().ifPresent(v -> values.put(argument.name(), v));
                continue;
            }
            int end;
            String token;
            char first = text.charAt(position);
            if (first == '"') {
                int close = text.indexOf('"', position + 1);
                if (close < 0) return new Parsed.Wrong("the quote in '" + text.substring(position).strip() + "' is not closed");
                token = text.substring(position + 1, close);
                end = close + 1;
            } else {
                end = tokenEnd(text, position, argument.kind() == Argument.Kind.CONTACT && first == '@');
                token = text.substring(position, end);
            }
            position = end;
            Object value;
            try {
                value = value(argument, token, chat, contacts);
            } catch (WrongValue e) {
                return new Parsed.Wrong(e.getMessage());
            }
            values.put(argument.name(), value);
        }
        String left = text.substring(Math.min(position, text.length())).strip();
        if (!left.isEmpty()) return new Parsed.Wrong("'" + left + "' is more than " + command.name() + " takes");
        return new Parsed.Values(values);
    }

    /** A duration such as {@code 10m}, {@code 1h30m}, {@code 2d}, {@code 45s}; empty for anything else. */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (text.isEmpty() || !m.matches()) return Optional.empty();
        try {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
            if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
            return Optional.of(d);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();   // digits beyond a long: no duration anyone means
        }
    }

    private static Object value(Argument argument, String token, Contact chat, Contacts contacts) throws WrongValue {
        String name = argument.usage();
        return switch (argument.kind()) {
            case WORD, REST -> token;
            case INTEGER -> {
                try {
                    yield Long.parseLong(token);
                } catch (NumberFormatException e) {
                    throw new WrongValue(name + " must be a whole number, not '" + token + "'");
                }
            }
            case NUMBER -> {
                try {
                    double number = Double.parseDouble(token);
                    if (!Double.isFinite(number) || !token.matches("[-+]?[0-9.]+")) throw new NumberFormatException();
                    yield number;
                } catch (NumberFormatException e) {
                    throw new WrongValue(name + " must be a number, not '" + token + "'");
                }
            }
            case DURATION -> duration(token).orElseThrow(() -> new WrongValue(name
                    + " must be a time such as 10m, 1h30m or 2d, not '" + token + "'"));
            case CHOICE -> {
                Optional<String> chosen = argument.choices().stream().filter(c -> c.equalsIgnoreCase(token)).findFirst();
                if (chosen.isPresent()) yield chosen.get();
                throw new WrongValue(name + " must be one of " + String.join(", ", argument.choices()) + ", not '"
                        + token + "'" + DidYouMean.closest(token, argument.choices())
                        .map(s -> "; did you mean " + s + "?").orElse(""));
            }
            case CONTACT -> contact(name, token.startsWith("@") ? token.substring(1) : token, chat, contacts);
        };
    }

    /** A group's member by an in-group, remark or nickname first; else the address book, an exact name first. */
    private static Contact contact(String argument, String typed, Contact chat, Contacts contacts) throws WrongValue {
        String wanted = Contacts.normalizeName(typed);
        if (wanted.isEmpty()) throw new WrongValue(argument + " needs a name");
        if (chat.isGroup()) {
            List<Contact> members = contacts.members(chat).stream().filter(m -> Stream.of(m.groupDisplayName(),
                    m.remarkName(), m.nickName()).anyMatch(n -> Contacts.normalizeName(n).equals(wanted))).toList();
            if (members.size() == 1) return members.getFirst();
            if (members.size() > 1) throw ambiguous(typed, members);
        }
        List<Contact> exact = contacts.findExact(typed);
        if (exact.size() == 1) return exact.getFirst();
        if (exact.size() > 1) throw ambiguous(typed, exact);
        List<Contact> found = contacts.find(typed);
        if (found.size() == 1) return found.getFirst();
        if (found.size() > 1) throw ambiguous(typed, found);
        throw new WrongValue("I know nobody called '" + typed + "'");
    }

    private static WrongValue ambiguous(String typed, List<Contact> candidates) {
        List<String> names = candidates.stream().limit(3).map(Contact::displayName).toList();
        return new WrongValue("'" + typed + "' could be " + String.join(" or ", names)
                + (candidates.size() > 3 ? " or others" : "") + "; write more of the name");
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** Where a word ends; an @-mention the web client wrote (ending in U+2005) may contain spaces. */
    private static int tokenEnd(String text, int from, boolean mention) {
        if (mention) {
            int end = text.indexOf(MENTION_END, from);
            if (end >= 0) return end;
        }
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** A value that does not fit its argument; the message is the answer. */
    private static final class WrongValue extends Exception {
        WrongValue(String problem) {
            super(problem, null, false, false);
        }
    }
}
