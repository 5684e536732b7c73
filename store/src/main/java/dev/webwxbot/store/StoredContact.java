package dev.webwxbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact or group as an account saw it at {@code seen}: its id, nickname, the owner's remark for it and its
 * kind (friend, group, official account... as the server's mapping names it).
 */
public record StoredContact(String contactId, String name, String remark, String kind, Instant seen) {
    public StoredContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(remark, "remark");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(seen, "seen");
    }
}
