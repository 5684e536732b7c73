package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group new to the session: the account created it or was brought into it.
 *
 * @param group the group
 * @param members its members as the server first listed them (the account among them); may be partial
 * @param time when it happened
 */
public record GroupCreated(Contact group, List<Contact> members, Instant time) implements GroupEvent {
    public GroupCreated {
        Objects.requireNonNull(group, "group");
        members = List.copyOf(members);
        Objects.requireNonNull(time, "time");
    }
}
