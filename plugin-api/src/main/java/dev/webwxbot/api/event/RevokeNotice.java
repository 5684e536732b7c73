package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * Someone withdrew a message.
 *
 * @param revokedMsgId the server id of the withdrawn message
 * @param notice the text the server shows in its place, e.g. {@code "Alice" 撤回了一条消息}
 * @param chatPermanentId the chat's permanent id ({@code <session>}: a {@code wxid_…} or {@code …@chatroom}, the
 *     same at every login, unlike the chat's session-scoped {@code userName}); empty when not sent
 * @param oldMsgId the withdrawn message's id in the server's older 32-bit numbering ({@code <oldmsgid>}); empty
 *     when not sent
 */
public record RevokeNotice(Envelope envelope, String revokedMsgId, String notice, String chatPermanentId,
                           String oldMsgId) implements MessageEvent {
    public RevokeNotice {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(revokedMsgId, "revokedMsgId");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(chatPermanentId, "chatPermanentId");
        Objects.requireNonNull(oldMsgId, "oldMsgId");
    }

    /** As before the chat's permanent id and the old id were kept: neither sent. */
    public RevokeNotice(Envelope envelope, String revokedMsgId, String notice) {
        this(envelope, revokedMsgId, notice, "", "");
    }
}
