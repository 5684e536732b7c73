package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * A friend (or official account) is newly in the address book: a friend request was accepted, either way.
 *
 * @param contact the new contact
 * @param time when it happened
 */
public record ContactAdded(Contact contact, Instant time) implements ContactEvent {
    public ContactAdded {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public Contact chat() {
        return contact;
    }
}
