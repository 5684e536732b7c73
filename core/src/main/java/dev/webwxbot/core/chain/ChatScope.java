package dev.webwxbot.core.chain;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import java.util.List;

/**
 * Which chats a plugin hears: {@code only} (empty means every chat) minus {@code except}. An entry is
 * {@code friends}, {@code groups}, or a chat's name: its remark name or its nickname (a group's topic), compared
 * exactly. Session events (logged in, logged out) belong to no chat and always pass. Immutable.
 */
record ChatScope(List<String> include, List<String> exclude) {

    static final String FRIENDS = "friends";
    static final String GROUPS = "groups";
    static final ChatScope EVERYWHERE = new ChatScope(List.of(), List.of());

    ChatScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    boolean admits(BotEvent event) {
        if (!(event instanceof MessageEvent message)) return true;
        Contact chat = message.chat();
        boolean included = include.isEmpty() || include.stream().anyMatch(entry -> matches(entry, chat));
        return included && exclude.stream().noneMatch(entry -> matches(entry, chat));
    }

    private static boolean matches(String entry, Contact chat) {
        return switch (entry) {
            case FRIENDS -> chat.kind() == ContactKind.FRIEND;
            case GROUPS -> chat.isGroup();
            default -> entry.equals(chat.remarkName()) || entry.equals(chat.nickName());
        };
    }
}
