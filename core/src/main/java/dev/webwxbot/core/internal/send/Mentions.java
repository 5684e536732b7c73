package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.Contact;
import dev.webwxbot.core.internal.contact.ContactBook;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text names group members and @-mentions them as the official page does (PROTOCOL.md 5.2, 9.6): the name the
 * group sees, {@code @name} + U+2005, and the {@code MsgSource} listing who is mentioned. Thread-safe.
 */
final class Mentions {
    /** U+2005 FOUR-PER-EM SPACE, the separator after an @name (5.2, 9.6). */
    static final String SEPARATOR = "\u2005";

    private final ContactBook contacts;

    Mentions(ContactBook contacts) {
        this.contacts = contacts;
    }

    /** {@code text} with each mention not yet written in it prefixed as {@code @name} + U+2005 (5.2). */
    String prefixed(Contact chat, String text, List<Contact> mentions) {
        StringBuilder prefix = new StringBuilder();
        for (Contact mentioned : mentions) {
            String at = "@" + nameInGroup(chat, mentioned);
            if (!text.contains(at) && prefix.indexOf(at + SEPARATOR) < 0) {
                prefix.append(at).append(SEPARATOR);
            }
        }
        return prefix + text;
    }

    /**
     * The name others see in the group: the member's group display name, else the nickname (9.6); not the remark
     * name, which only this account knows.
     */
    String nameInGroup(Contact chat, Contact mentioned) {
        Contact member = chat.isGroup() ? contacts.member(chat.userName(), mentioned.userName()) : null;
        Contact known = member != null ? member : mentioned;
        if (!known.groupDisplayName().isEmpty()) {
            return known.groupDisplayName();
        }
        return known.nickName().isEmpty() ? mentioned.displayName() : known.nickName();
    }

    /** Whether {@code contact} is the logged-in account. */
    boolean isSelf(Contact contact) {
        return contact.userName().equals(contacts.self().userName());
    }

    /** The official page's {@code MsgSource} for mentions in a group; empty otherwise (5.2). */
    static String msgSource(Contact chat, List<Contact> mentions) {
        if (!chat.isGroup() || mentions.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Contact mentioned : mentions) {
            if (!names.contains(mentioned.userName())) names.add(mentioned.userName());
        }
        return "<msgsource><atusername>" + String.join(",", names) + "</atusername><atchatroomname>"
                + chat.userName() + "</atchatroomname></msgsource>";
    }
}
