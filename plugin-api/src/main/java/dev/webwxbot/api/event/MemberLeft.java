package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone left a group or was removed from it; when the account itself was removed, {@code member} is the account.
 *
 * @param group the group
 * @param member who left, as the session last knew them there
 * @param removedBy who removed them (the account itself is a {@code SELF} contact), when the server said so;
 *     empty when they left by themselves or the server did not say
 * @param time when it happened
 */
public record MemberLeft(Contact group, Contact member, Optional<Contact> removedBy, Instant time)
        implements GroupEvent {
    public MemberLeft {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(removedBy, "removedBy");
        Objects.requireNonNull(time, "time");
    }

    /** Whether it is the account itself that is no longer in the group. */
    public boolean selfLeft() {
        return member.kind() == ContactKind.SELF;
    }
}
