package dev.webwxbot.server.api;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a caller wrote for a chat (its id, remark name, nickname or alias) into one contact, or a problem. A
 * name must be whole ({@code Contacts.findExact}: case and width ignored): a message for "Alice" never goes to
 * "Alice Wong" because Alice was not found.
 */
final class Chats {

    private Chats() {
    }

    static Contact resolve(Bot bot, String name) {
        if (name == null || name.isBlank()) throw ApiProblem.badRequest("which chat? give its id, remark name or nickname");
        Optional<Contact> byId = bot.contacts().byUserName(name);
        if (byId.isPresent()) return byId.get();
        Set<Contact> found = new LinkedHashSet<>(bot.contacts().findExact(name));
        if (found.size() == 1) return found.iterator().next();
        if (found.isEmpty()) {
            throw new ApiProblem(404, "UNKNOWN_CHAT", "no contact or group is called '" + name + "'");
        }
        List<String> ids = found.stream().map(Contact::userName).limit(10).toList();
        throw new ApiProblem(409, "AMBIGUOUS_CHAT", found.size() + " contacts are called '" + name
                + "'; give one of their ids instead", Map.of("candidates", ids));
    }

    /** The members of {@code group} named in {@code names}, by in-group name, nickname or remark name. */
    static List<Contact> members(Bot bot, Contact group, List<String> names) {
        if (names.isEmpty()) return List.of();
        if (!group.isGroup()) throw ApiProblem.badRequest("mentions are only possible in a group");
        List<Contact> members = bot.contacts().members(group);
        return names.stream().map(name -> members.stream()
                .filter(m -> m.userName().equals(name) || m.groupDisplayName().equals(name)
                        || m.nickName().equals(name) || m.remarkName().equals(name))
                .findFirst()
                .orElseThrow(() -> new ApiProblem(404, "UNKNOWN_MEMBER",
                        "no member of '" + group.displayName() + "' is called '" + name + "'")))
                .toList();
    }
}
