package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.plugins.autoreply.Action.Mention;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What set a rule off, as its actions see it: the chat to answer in, the person to act on, the message to forward,
 * the friend request to accept, who the mention words stand for, and the placeholders' values. Immutable.
 *
 * @param message the message, for a text or message rule
 * @param request the friend request, for a friend-request rule
 * @param chat where a reply goes; empty for a schedule, a login, or a friend request not accepted yet
 * @param person who the rule acts on (invite, remove): the sender, the member, the new friend
 * @param roles who {@code mention = [sender]}, {@code [member]}, {@code [inviter]} stand for
 * @param fields the placeholders' values by name
 * @param now when it happened, for {@code {time}}
 */
record Occasion(Optional<MessageEvent> message, Optional<FriendRequest> request, Optional<Contact> chat,
                Optional<Contact> person, Map<Mention.Who, Contact> roles, Map<String, String> fields,
                Captures captures, Instant now) {

    Occasion {
        roles = roles.isEmpty() ? Map.of() : new EnumMap<>(roles);
        fields = Map.copyOf(fields);
    }

    /** Nothing but the time: a schedule or a login. */
    static Occasion unprompted(Instant now) {
        return new Occasion(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Map.of(), Captures.NONE, now);
    }

    /** The same occasion once the friend request was accepted: the new friend is the chat and the person. */
    Occasion withNewFriend(Contact friend) {
        return new Occasion(message, request, Optional.of(friend), Optional.of(friend), roles, fields, captures, now);
    }

    Template.TemplateValues values(ZoneId zone) {
        return new Template.TemplateValues(fields, now.atZone(zone), captures);
    }
}
