package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import java.util.Optional;

/**
 * A person's {@link Role} where an event happened, from the operator's {@link Permissions} and what the protocol
 * says: blocked, then owner, then admin (everywhere, or of the event's group, where the group's owner from the
 * protocol counts as its admin), then member (a friend, or a member of the event's group), else anyone. The
 * account itself is always the owner: its own messages cannot be refused. Stateless.
 */
final class Roles {

    private Roles() {
    }

    static Role of(Contact person, BotEvent event, Bot bot, Permissions permissions) {
        if (person.kind() == ContactKind.SELF || isSelf(person, bot)) return Role.OWNER;
        Contacts contacts = bot.contacts();
        Optional<Identity> identity = contacts.identity(person);
        if (Permissions.anyMatches(permissions.blocked(), person, identity)) return Role.BLOCKED;
        if (Permissions.anyMatches(permissions.owners(), person, identity)) return Role.OWNER;
        if (Permissions.anyMatches(permissions.admins(), person, identity)) return Role.ADMIN;
        Optional<Contact> group = ChatScope.chatOf(event).filter(Contact::isGroup);
        if (group.isPresent()) {
            if (Permissions.anyMatches(permissions.adminsOf(group.get(), contacts), person, identity)) return Role.ADMIN;
            boolean owner = contacts.groupOwner(group.get()).map(Contact::userName)
                    .filter(person.userName()::equals).isPresent();
            if (owner) return Role.ADMIN;
        }
        if (person.kind() == ContactKind.FRIEND) return Role.MEMBER;
        if (group.isPresent() && contacts.members(group.get()).stream()
                .anyMatch(member -> member.userName().equals(person.userName()))) {
            return Role.MEMBER;
        }
        return Role.ANYONE;
    }

    private static boolean isSelf(Contact person, Bot bot) {
        try {
            return person.userName().equals(bot.self().userName());
        } catch (IllegalStateException notLoggedIn) {
            return false;
        }
    }
}
