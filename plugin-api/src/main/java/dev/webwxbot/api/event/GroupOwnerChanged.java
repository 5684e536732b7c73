package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A group has a new owner, as the server's group update says ({@code ChatRoomOwner}, {@code IsOwner}).
 *
 * @param group the group
 * @param previousOwner the owner before, when the session knew it
 * @param owner the owner now (the account itself is a {@code SELF} contact)
 * @param time when the session learnt of it
 */
public record GroupOwnerChanged(Contact group, Optional<Contact> previousOwner, Contact owner, Instant time)
        implements GroupEvent {
    public GroupOwnerChanged {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(previousOwner, "previousOwner");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(time, "time");
    }

    /** Whether the account itself owns the group now. */
    public boolean ownedBySelf() {
        return owner.kind() == ContactKind.SELF;
    }
}
