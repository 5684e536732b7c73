package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * A contact left the address book: a friend was deleted, or a group was removed from the session's list.
 *
 * @param contact the contact as the session last knew it
 * @param time when it happened
 */
public record ContactRemoved(Contact contact, Instant time) implements ContactEvent {
    public ContactRemoved {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public Contact chat() {
        return contact;
    }
}
