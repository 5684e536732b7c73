package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * What every message has: its id, where it was said, who said it, when, and whether it mentions me; and the
 * protocol's own numbers for it, as the server sent them. Immutable.
 *
 * @param msgId the server's message id (a decimal string of up to 19 digits)
 * @param chat the conversation: the group for a group message, else the other person (also for messages I sent
 *     from my phone, where {@code chat} is the recipient)
 * @param sender who wrote it: the friend, the group member, or me
 * @param time when the server received it; when the server did not say ({@code timeSource} is
 *     {@link TimeSource#RECEIVED}), when this bot received it
 * @param fromSelf whether I sent it (from the phone or another device); bots should not answer these
 * @param mentionsMe whether a group message @-mentions me; always false outside groups
 * @param timeSource where {@code time} comes from: the server's {@code CreateTime}, or the time of receipt when
 *     that was absent, 0 or no usable time
 * @param msgType the protocol's {@code MsgType} as sent (1 text, 3 image, 49 app message, …), -1 when the server
 *     sent none that is a number
 * @param status the protocol's {@code Status} (3 for a normal message, 4 for revokes and most system lines), 0 when
 *     not sent
 * @param imgStatus the protocol's {@code ImgStatus} (1 no image, 2 has an image or thumbnail), 0 when not sent
 * @param forwardFlag the protocol's {@code ForwardFlag}, 0 when not sent
 */
public record Envelope(
        String msgId, Contact chat, Contact sender, Instant time, boolean fromSelf, boolean mentionsMe,
        TimeSource timeSource, int msgType, int status, int imgStatus, int forwardFlag) {

    public Envelope {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeSource, "timeSource");
    }

    /**
     * As before the protocol's numbers were kept: {@code time} taken as the server's, {@code msgType} -1 and the
     * other numbers 0 ("not sent").
     */
    public Envelope(String msgId, Contact chat, Contact sender, Instant time, boolean fromSelf, boolean mentionsMe) {
        this(msgId, chat, sender, time, fromSelf, mentionsMe, TimeSource.SERVER, -1, 0, 0, 0);
    }

    /** Whether this message was said in a group chat. */
    public boolean inGroup() {
        return chat.isGroup();
    }

    /** This envelope with {@code mentionsMe} set as given; everything else the same. */
    public Envelope withMentionsMe(boolean mentioned) {
        return new Envelope(msgId, chat, sender, time, fromSelf, mentioned, timeSource, msgType, status, imgStatus,
                forwardFlag);
    }

    /** Where a message's {@link #time()} comes from. */
    public enum TimeSource {
        /** The server's {@code CreateTime}: when the server received the message. */
        SERVER,
        /**
         * When this bot received it: the server sent no {@code CreateTime}, sent 0, or sent something that is no
         * time (not a number, before 1970, after year 9999). Close to the real time for a message just synced, but
         * not the server's.
         */
        RECEIVED
    }
}
