package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which conversations a rule answers in: chat kinds, then optional lists of chat and sender names to allow or to
 * exclude. A name matches a contact's nickname, remark name or WeChat id (alias), and for a sender also the name
 * they use in the group, ignoring case. Only friends and groups are ever in scope: official accounts, built-in
 * accounts and strangers outside a group are not answered. Immutable and thread-safe.
 */
record ChatScope(Set<ChatKind> kinds, List<String> chats, List<String> excludeChats, List<String> senders,
                 List<String> excludeSenders) {

    /** The kinds of conversation an operator can name. */
    enum ChatKind {
        FRIENDS, GROUPS;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ChatScope {
        kinds = Set.copyOf(kinds);
        chats = lower(chats);
        excludeChats = lower(excludeChats);
        senders = lower(senders);
        excludeSenders = lower(excludeSenders);
    }

    boolean admits(Envelope envelope) {
        Contact chat = envelope.chat();
        ChatKind kind = chat.isGroup() ? ChatKind.GROUPS : chat.kind() == ContactKind.FRIEND ? ChatKind.FRIENDS : null;
        if (kind == null || !kinds.contains(kind)) return false;
        return admitsNames(chat, envelope.sender());
    }

    /**
     * Whether the chat and person lists admit {@code chat} and {@code person}, whatever kind of chat it is: for
     * events that are not messages, such as a member joining a group ({@code person} the member).
     */
    boolean admitsNames(Contact chat, Contact person) {
        if (!chats.isEmpty() && !named(chat, chats)) return false;
        if (named(chat, excludeChats)) return false;
        if (!senders.isEmpty() && !named(person, senders)) return false;
        return !named(person, excludeSenders);
    }

    private static boolean named(Contact contact, List<String> names) {
        if (names.isEmpty()) return false;
        return Stream.of(contact.nickName(), contact.remarkName(), contact.alias(), contact.groupDisplayName())
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(names::contains);
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
