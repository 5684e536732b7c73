package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A group got a new name.
 *
 * @param group the group, with its new name
 * @param oldName the name before
 * @param newName the name now
 * @param renamedBy who renamed it (the account itself is a {@code SELF} contact), when the server said so
 * @param time when it happened
 */
public record GroupRenamed(Contact group, String oldName, String newName, Optional<Contact> renamedBy, Instant time)
        implements GroupEvent {
    public GroupRenamed {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(renamedBy, "renamedBy");
        Objects.requireNonNull(time, "time");
    }
}
