package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * Someone withdrew a message.
 *
 * @param revokedMsgId the server id of the withdrawn message
 * @param notice the text the server shows in its place, e.g. {@code "Alice" 撤回了一条消息}
 */
public record RevokeNotice(Envelope envelope, String revokedMsgId, String notice) implements MessageEvent {
    public RevokeNotice {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(revokedMsgId, "revokedMsgId");
        Objects.requireNonNull(notice, "notice");
    }
}
