package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A contact's names, avatar or flags changed (a group's name change is a {@link GroupRenamed} instead).
 *
 * @param before the contact before the change
 * @param after the contact after it
 * @param changes what changed; never empty
 * @param flags the contact's starred, pinned and muted flags after the change
 * @param time when it happened
 */
public record ContactChanged(Contact before, Contact after, Set<Change> changes, Flags flags, Instant time)
        implements ContactEvent {

    public ContactChanged {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (changes.isEmpty()) throw new IllegalArgumentException("a change must change something");
        changes = Collections.unmodifiableSet(EnumSet.copyOf(changes));
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(time, "time");
    }

    /** What about a contact can change. */
    public enum Change {
        /** The name the account gave the contact. */
        REMARK,
        /** The name the contact chose. */
        NICKNAME,
        /** The contact's WeChat id. */
        ALIAS,
        /** The contact's avatar. */
        HEAD_IMAGE,
        /** Starred (marked as a favourite) or no longer. */
        STARRED,
        /** Pinned to the top of the chat list or no longer. */
        PINNED,
        /** Muted (no notifications) or no longer. */
        MUTED
    }

    /**
     * A contact's flags as the account set them on its phone.
     *
     * @param starred marked as a favourite
     * @param pinned pinned to the top of the chat list
     * @param muted notifications off
     */
    public record Flags(boolean starred, boolean pinned, boolean muted) {
    }

    @Override
    public Contact chat() {
        return after;
    }
}
