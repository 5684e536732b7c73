package dev.webwxbot.api;

import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;

/**
 * The narrow API a plugin acts through: who am I, who do I know, sending, media and account operations.
 *
 * <p>Thread-safe. Every method may block on the network (handlers run on virtual threads, so that is cheap);
 * none of them throws for a refusal by the server, which comes back as a {@link SendReceipt.Failed} or
 * {@link Result.Failed}. Sends and operations of one session are paced by one governor: a burst is spread out,
 * and sends to one chat keep their order.
 */
public interface Bot {

    /** The logged-in account. */
    Contact self();

    /** The address book as the session currently knows it. */
    Contacts contacts();

    /** Sends a message to a friend, group or special account such as {@code filehelper}. */
    SendReceipt send(Contact chat, Outgoing message);

    /** Sends a text message; the same as {@code send(chat, Outgoing.text(text))}. */
    default SendReceipt sendText(Contact chat, String text) {
        return send(chat, Outgoing.text(text));
    }

    /** Takes back a message this account sent, within the server's window (about two minutes). */
    Result<Void> revoke(SendReceipt.Sent receipt);

    /**
     * Saves the media of an image, voice, video, file or emoticon message into {@code directory}, streamed to
     * disk, under a sanitised file name; the saved file on success. Fails with {@code INVALID_REQUEST} for an
     * event without media.
     */
    Result<Path> download(MessageEvent event, Path directory);

    /** Saves the small preview of an image or video message into {@code directory}. */
    Result<Path> downloadThumbnail(MessageEvent event, Path directory);

    /** Saves a contact's or group's head image into {@code directory}. */
    Result<Path> downloadHeadImage(Contact contact, Path directory);

    /** Friend and group operations. */
    AccountOperations account();

    /** What this account received and sent, when the daemon keeps a message store; else an empty history. */
    default History history() {
        return History.empty();
    }
}
