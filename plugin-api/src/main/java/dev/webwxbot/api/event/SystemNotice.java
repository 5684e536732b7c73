package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A grey system line: someone joined or left a group, a group was renamed, a red packet arrived, a friend was
 * added, and the like.
 *
 * @param text the notice as shown to the user (links removed)
 * @param kind what it is about, as far as its text tells
 */
public record SystemNotice(Envelope envelope, String text, Kind kind) implements MessageEvent {
    public SystemNotice {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** The notices whose text the bot recognises. */
    public enum Kind {
        FRIEND_ADDED,
        GROUP_MEMBER_JOINED,
        GROUP_MEMBER_REMOVED,
        GROUP_RENAMED,
        RED_PACKET,
        OTHER
    }
}
