package dev.webwxbot.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored message: an inbound event or an outbound send of an account.
 *
 * @param id          the row's id; 0 for a message not stored yet (what {@link MessageStore#record} takes)
 * @param kind        the event's type as the event JSON names it, e.g. {@code message.text}
 * @param msgId       the server's MsgId; empty for a send still queued
 * @param localId     our LocalID/ClientMsgId for a send; empty for an inbound event
 * @param senderGroupName the sender's in-group name, or empty
 * @param time        when it happened; stored to the millisecond
 * @param text        the searchable text: the text itself, a file name, a link's title...; empty if none
 * @param fieldsJson  the event's typed fields as a JSON object
 * @param status      {@code received}, {@code queued}, {@code sent}, {@code failed} or {@code revoked}
 * @param failure     why a send failed; empty unless {@code failed}
 * @param quotedMsgId the MsgId of the message this one quotes (a quote reply received or sent); empty when none
 * @param senderIdentity the sender's identity in its configuration form ({@code wxid:wxid_abc}, else
 *     {@code remark:…} or {@code nick:…}), the same person across logins; empty when unknown (and for rows written
 *     before it was kept)
 */
public record StoredMessage(long id, String account, Direction direction, String kind, String msgId, String localId,
        String chatId, String chatName, String senderId, String senderName, String senderGroupName, Instant time,
        String text, String fieldsJson, Optional<MediaRef> media, String status, String failure,
        String quotedMsgId, String senderIdentity) {

    public StoredMessage {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatName, "chatName");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(senderGroupName, "senderGroupName");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fieldsJson, "fieldsJson");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        quotedMsgId = Objects.requireNonNullElse(quotedMsgId, "");
        Objects.requireNonNull(senderIdentity, "senderIdentity");
        if (account.isEmpty() || kind.isEmpty() || chatId.isEmpty()) {
            throw new IllegalArgumentException("a stored message needs an account, a kind and a chat");
        }
    }

    /** A message that quotes none, whose sender's identity is not known. */
    public StoredMessage(long id, String account, Direction direction, String kind, String msgId, String localId,
            String chatId, String chatName, String senderId, String senderName, String senderGroupName, Instant time,
            String text, String fieldsJson, Optional<MediaRef> media, String status, String failure) {
        this(id, account, direction, kind, msgId, localId, chatId, chatName, senderId, senderName, senderGroupName,
                time, text, fieldsJson, media, status, failure, "");
    }

    /** A message whose sender's identity is not known. */
    public StoredMessage(long id, String account, Direction direction, String kind, String msgId, String localId,
            String chatId, String chatName, String senderId, String senderName, String senderGroupName, Instant time,
            String text, String fieldsJson, Optional<MediaRef> media, String status, String failure,
            String quotedMsgId) {
        this(id, account, direction, kind, msgId, localId, chatId, chatName, senderId, senderName, senderGroupName,
                time, text, fieldsJson, media, status, failure, quotedMsgId, "");
    }

    /** This message as stored with {@code newId}. */
    StoredMessage withId(long newId) {
        return new StoredMessage(newId, account, direction, kind, msgId, localId, chatId, chatName, senderId,
                senderName, senderGroupName, time, text, fieldsJson, media, status, failure, quotedMsgId, senderIdentity);
    }
}
