package dev.webwxbot.plugins.autoreply;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What sets a rule off ({@code on = …}): a text, a message of some kinds, a friend request, a member joining or
 * leaving a group, a revoke, a time of day, or the bot's own login. Each kind says which of a rule's shared keys
 * mean something for it and which placeholders its templates may use, so that a key that cannot apply is refused
 * when the rules load instead of being silently ignored. Immutable and thread-safe.
 */
sealed interface Trigger {

    /** Placeholders every trigger's templates may use besides its own ({@code {time}} takes a format too). */
    Set<String> ALWAYS = Set.of("time");
    /** Those of a message: who wrote it, where, and its text. */
    Set<String> MESSAGE_FIELDS = Set.of("sender", "group", "chat", "text");

    /** The kind, as {@code on = …} names it. */
    Kind kind();

    /** The placeholders (besides captures and {@code {time}}) templates of a rule with this trigger may use. */
    default Set<String> fields() {
        return kind().fields();
    }

    /** The text matcher the rule has, whose captures templates may use; empty when it has none. */
    default Optional<TextMatcher> matcher() {
        return Optional.empty();
    }

    /** The kinds of trigger, with the shared keys that apply to each. */
    enum Kind {
        TEXT(Applies.MESSAGES, MESSAGE_FIELDS),
        MESSAGE(Applies.MESSAGES, MESSAGE_FIELDS),
        FRIEND_REQUEST(List.of("active-hours", "active-days", "time-zone", "cooldown", "stop", "ignore-case", "pick"),
                Set.of("nickname", "greeting")),
        MEMBER_JOINED(Applies.GROUP_CHANGES, Set.of("member", "inviter", "group", "chat")),
        MEMBER_LEFT(Applies.GROUP_CHANGES, Set.of("member", "group", "chat")),
        REVOKE(List.of("scope", "chats", "exclude-chats", "senders", "exclude-senders", "active-hours",
                "active-days", "time-zone", "cooldown", "stop", "pick"), Set.of("sender", "group", "chat")),
        SCHEDULE(Applies.UNPROMPTED, Set.of()),
        LOGIN(Applies.UNPROMPTED, Set.of());

        private final Set<String> sharedKeys;
        private final Set<String> fields;

        Kind(List<String> sharedKeys, Set<String> fields) {
            this.sharedKeys = Set.copyOf(sharedKeys);
            this.fields = fields;
        }

        /** The placeholders of its templates, besides captures and {@code {time}}. */
        Set<String> fields() {
            return fields;
        }

        String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether {@code key}, one of the keys {@code defaults} may also set, means something for this trigger. */
        boolean uses(String key) {
            return sharedKeys.contains(key);
        }

        /** Whether the event comes from someone the rule's actions can act on (reply to, invite, mention). */
        boolean hasPerson() {
            return this != SCHEDULE && this != LOGIN;
        }

        static List<String> configNames() {
            return Arrays.stream(values()).map(Kind::configName).toList();
        }

        /** Which shared keys apply, by the kind of happening. */
        private static final class Applies {
            static final List<String> MESSAGES = List.of("scope", "chats", "exclude-chats", "senders",
                    "exclude-senders", "require-mention", "ignore-case", "active-hours", "active-days", "time-zone",
                    "cooldown", "stop", "pick");
            static final List<String> GROUP_CHANGES = List.of("chats", "exclude-chats", "senders", "exclude-senders",
                    "active-hours", "active-days", "time-zone", "cooldown", "stop", "pick");
            static final List<String> UNPROMPTED = List.of("active-hours", "active-days", "time-zone");
        }
    }

    /** A text message that {@code matcher} accepts (the rules of before triggers had: keyword, exact, regex). */
    record Text(TextMatcher textMatcher) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public Optional<TextMatcher> matcher() {
            return Optional.of(textMatcher);
        }
    }

    /**
     * A message of one of {@code kinds}; a text must also satisfy {@code textMatcher} when there is one.
     */
    record Message(Set<MessageKind> kinds, Optional<TextMatcher> textMatcher) implements Trigger {
        public Message {
            kinds = Set.copyOf(kinds);
        }

        @Override
        public Kind kind() {
            return Kind.MESSAGE;
        }

        @Override
        public Optional<TextMatcher> matcher() {
            return textMatcher;
        }
    }

    /** A friend request, whose verification text must satisfy {@code textMatcher} when there is one. */
    record FriendRequest(Optional<TextMatcher> textMatcher) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.FRIEND_REQUEST;
        }

        @Override
        public Optional<TextMatcher> matcher() {
            return textMatcher;
        }
    }

    /** Someone joined a group the account is in. */
    record MemberJoined() implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MEMBER_JOINED;
        }
    }

    /** Someone left a group the account is in, or was removed from it. */
    record MemberLeft() implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MEMBER_LEFT;
        }
    }

    /** Someone withdrew a message. */
    record Revoke() implements Trigger {
        @Override
        public Kind kind() {
            return Kind.REVOKE;
        }
    }

    /**
     * The times a Unix cron expression names, read in the rule's time zone, acted on through {@code account} (an id
     * of webwx-bot.accounts), or through the only account online when the rule names none.
     */
    record Scheduled(String cron, Optional<String> account) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.SCHEDULE;
        }
    }

    /** The bot's session came online. */
    record Login() implements Trigger {
        @Override
        public Kind kind() {
            return Kind.LOGIN;
        }
    }
}
