package dev.webwxbot.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of the daemon's message store as a plugin reads it: received or sent, with the names as they were
 * when it was kept (ids are session-scoped, so names are what survives a restart). Immutable.
 *
 * @param direction whether this account received or sent it
 * @param kind the event's type name as webhooks name it, e.g. {@code message.text}, {@code message.image}
 * @param msgId the server's message id; empty for a send the server has not taken (yet)
 * @param chatId the chat's session-scoped id at the time
 * @param chatName the chat's name at the time
 * @param senderName who wrote it (for a group message the member's name); this account's own name for a send
 * @param time when it was received or sent
 * @param text the searchable text: the text itself, a file name, a link's title; empty when none
 * @param media the saved media file, when the store kept one
 * @param quotedMsgId the server id of the message this one quotes (a quote reply received, or one sent with
 *     {@link Outgoing.Quote}); empty when it quotes none
 */
public record HistoryEntry(Direction direction, String kind, String msgId, String chatId, String chatName,
                           String senderName, Instant time, String text, Optional<Path> media, String quotedMsgId) {

    /** Whether the account received or sent a message. */
    public enum Direction { IN, OUT }

    public HistoryEntry {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kind, "kind");
        msgId = Objects.requireNonNullElse(msgId, "");
        chatId = Objects.requireNonNullElse(chatId, "");
        chatName = Objects.requireNonNullElse(chatName, "");
        senderName = Objects.requireNonNullElse(senderName, "");
        Objects.requireNonNull(time, "time");
        text = Objects.requireNonNullElse(text, "");
        Objects.requireNonNull(media, "media");
        quotedMsgId = Objects.requireNonNullElse(quotedMsgId, "");
    }

    /** An entry that quotes no message. */
    public HistoryEntry(Direction direction, String kind, String msgId, String chatId, String chatName,
                        String senderName, Instant time, String text, Optional<Path> media) {
        this(direction, kind, msgId, chatId, chatName, senderName, time, text, media, "");
    }
}
