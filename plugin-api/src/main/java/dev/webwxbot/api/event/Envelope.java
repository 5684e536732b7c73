package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * What every message has: its id, where it was said, who said it, when, and whether it mentions me. Immutable.
 *
 * @param msgId the server's message id (a decimal string of up to 19 digits)
 * @param chat the conversation: the group for a group message, else the other person (also for messages I sent
 *     from my phone, where {@code chat} is the recipient)
 * @param sender who wrote it: the friend, the group member, or me
 * @param time when the server received it
 * @param fromSelf whether I sent it (from the phone or another device); bots should not answer these
 * @param mentionsMe whether a group message @-mentions me; always false outside groups
 */
public record Envelope(
        String msgId, Contact chat, Contact sender, Instant time, boolean fromSelf, boolean mentionsMe) {

    public Envelope {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(time, "time");
    }

    /** Whether this message was said in a group chat. */
    public boolean inGroup() {
        return chat.isGroup();
    }
}
