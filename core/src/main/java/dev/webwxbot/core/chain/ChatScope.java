package dev.webwxbot.core.chain;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.MessageEvent;
import java.util.List;
import java.util.Optional;

/**
 * Which chats a plugin hears: {@code only} (empty means every chat) minus {@code except}. An entry is
 * {@code friends}, {@code groups}, a chat's {@link dev.webwxbot.api.Identity} in its configuration form
 * ({@code wxid:123@chatroom}, {@code wxid:wxid_abc}, {@code remark:…}, {@code nick:…}), or a chat's name: its remark
 * name or its nickname (a group's topic), compared exactly. A contact or group event belongs to its {@link ContactEvent#chat()} (the group, or the contact), so a
 * plugin scoped to a group hears its members join. Session events (logged in, logged out) belong to no chat and
 * always pass. Immutable.
 */
record ChatScope(List<String> include, List<String> exclude) {

    static final String FRIENDS = "friends";
    static final String GROUPS = "groups";
    static final ChatScope EVERYWHERE = new ChatScope(List.of(), List.of());

    ChatScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The chat an event belongs to: a message's, a contact or group event's; none for a session event. */
    static Optional<Contact> chatOf(BotEvent event) {
        return switch (event) {
            case MessageEvent message -> Optional.of(message.chat());
            case ContactEvent change -> Optional.of(change.chat());
            default -> Optional.empty();
        };
    }

    boolean admits(BotEvent event, Bot bot) {
        Optional<Contact> of = chatOf(event);
        if (of.isEmpty()) return true;
        Contact chat = of.get();
        boolean included = include.isEmpty() || include.stream().anyMatch(entry -> matches(entry, chat, bot));
        return included && exclude.stream().noneMatch(entry -> matches(entry, chat, bot));
    }

    private static boolean matches(String entry, Contact chat, Bot bot) {
        return switch (entry) {
            case FRIENDS -> chat.kind() == ContactKind.FRIEND;
            case GROUPS -> chat.isGroup();
            default -> Permissions.hasIdentityPrefix(entry)
                    ? Permissions.namesChat(entry, chat, bot.contacts())
                    : entry.equals(chat.remarkName()) || entry.equals(chat.nickName());
        };
    }
}
