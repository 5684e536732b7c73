package dev.webwxbot.api;

import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Something the bot can send. Immutable; files are read when the message is sent, streamed, not held in memory. */
public sealed interface Outgoing {

    /** A text message. */
    static Outgoing text(String text) {
        return new Text(text, List.of());
    }

    /**
     * A text answering {@code quoted} by quoting it, in the form WeChat clients show a quote as text (see
     * {@link Quote}): in a group the quoted sender is @-mentioned (unless it is this account). What the quote shows
     * of a message that is not a text is WeChat's own label, e.g. {@code [图片]} for a picture.
     */
    static Quote quote(MessageEvent quoted, String text) {
        Objects.requireNonNull(quoted, "quoted");
        return new Quote(quoted.msgId(), quoted.sender(), QuoteSummary.of(quoted), text, List.of());
    }

    /**
     * {@code original}, a message this account received (or sent from its phone), sent on to another chat as WeChat
     * forwards it: media by the server's own reference to it, never downloaded and uploaded again. See
     * {@link Forward} for what each kind becomes and which kinds cannot be forwarded.
     */
    static Forward forward(MessageEvent original) {
        return new Forward(original);
    }

    /**
     * Text, optionally @-mentioning group members the way the web client does: the text is sent as written, and
     * each contact in {@code mentions} whose {@code @name} is not already in it is prefixed as
     * {@code "@" + name + U+2005}, where the name is the one the group sees: the member's in-group display name,
     * else its nickname (not the remark name, which only this account knows).
     */
    record Text(String text, List<Contact> mentions) implements Outgoing {
        public Text {
            Objects.requireNonNull(text, "text");
            mentions = List.copyOf(mentions);
        }
    }

    /**
     * A text that quotes an earlier message. No web client is known to send WeChat's own quote message (an app
     * message of AppMsgType 57, PROTOCOL.md 9.4), so it is sent as a text, in the form WeChat clients show a quote as
     * text (docs/plugin-authors.md names the sources):
     *
     * <pre>
     * 「Alice：the quoted text」
     * - - - - - - - - - - - - - - -
     * the reply
     * </pre>
     *
     * In a group the name in the quote is an @-mention of the quoted sender ({@code 「@Alice}, U+2005,
     * {@code ：…」}), unless the quoted message is this account's own. The quoted text is shortened the way WeChat
     * shortens a notification; its line breaks become spaces. The receipt ({@link SendReceipt.Sent#quotedMsgId()}),
     * the message store and the dispatch trace keep {@code quotedMsgId}.
     *
     * @param quotedMsgId the server id of the quoted message
     * @param quotedSender who wrote the quoted message
     * @param quotedText what the quote shows of it: its text, or a label such as {@code [图片]}
     * @param text the reply
     * @param mentions further group members to @-mention in the reply, as {@link Text} does
     */
    record Quote(String quotedMsgId, Contact quotedSender, String quotedText, String text, List<Contact> mentions)
            implements Outgoing {

        /** The line between the quoted message and the reply: 15 hyphens, each but the last followed by a space. */
        public static final String SEPARATOR = "- - - - - - - - - - - - - - -";

        public Quote {
            Objects.requireNonNull(quotedMsgId, "quotedMsgId");
            Objects.requireNonNull(quotedSender, "quotedSender");
            Objects.requireNonNull(quotedText, "quotedText");
            Objects.requireNonNull(text, "text");
            mentions = List.copyOf(mentions);
        }
    }

    /** A picture (jpg, png, gif, bmp…); sent as an image message. */
    record Image(Path file) implements Outgoing {
        public Image {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A video (mp4); sent as a video message. */
    record Video(Path file) implements Outgoing {
        public Video {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Any file, sent as an attachment under its own file name. */
    record File(Path file) implements Outgoing {
        public File {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A sticker from a gif or jpg file, uploaded first. */
    record Emoticon(Path file) implements Outgoing {
        public Emoticon {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A sticker the server already knows, named by its MD5 (as an {@code EmoticonMessage} carries it). */
    record StoredEmoticon(String md5) implements Outgoing {
        public StoredEmoticon {
            Objects.requireNonNull(md5, "md5");
        }
    }

    /**
     * A received message sent on to another chat, the way web clients forward (PROTOCOL.md 5.1–5.6: {@code Scene 2},
     * the media named by what the server already holds, nothing uploaded again), through the send governor like any
     * send; the receipt, the outbox, the message store and the dispatch trace treat it as they treat other sends.
     * What each kind becomes:
     *
     * <ul>
     *   <li>{@link dev.webwxbot.api.event.TextMessage}: the same text; a
     *       {@link dev.webwxbot.api.event.QuoteMessage}: its reply as a text (the quote itself is WeChat's reference
     *       to a message in the original chat, which no web client can send);</li>
     *   <li>{@link dev.webwxbot.api.event.ImageMessage} and {@link dev.webwxbot.api.event.VideoMessage}: the
     *       original {@code Content}, which names the media on WeChat's CDN, with an empty {@code MediaId};</li>
     *   <li>{@link dev.webwxbot.api.event.FileMessage}: the file's attachment XML naming the received
     *       {@code MediaId};</li>
     *   <li>{@link dev.webwxbot.api.event.EmoticonMessage}: the sticker by its MD5, as a sticker the server knows
     *       is sent again ({@code Scene 0}, as wechat4u forwards one); a store sticker cannot be forwarded;</li>
     *   <li>{@link dev.webwxbot.api.event.LocationMessage}: the original location XML as a location (Type 48);</li>
     *   <li>{@link dev.webwxbot.api.event.CardMessage}: a card of the same contact (Type 42);</li>
     *   <li>{@link dev.webwxbot.api.event.LinkMessage} and {@link dev.webwxbot.api.event.MusicMessage}: a text of
     *       the title and the address, as the protocol reference describes no way for a web client to send a link
     *       share.</li>
     * </ul>
     *
     * Any other kind (a voice note, which the web cannot send; a transfer, a mini program, a system line, a friend
     * request, a revoke notice, an unknown message), a store sticker, or a message without what its forward needs
     * (e.g. an image whose content was not kept) is not sent: the receipt is {@link SendReceipt.Failed} with
     * {@link FailureReason#INVALID_REQUEST} and a detail saying why, and no request is made.
     *
     * @param original the message to forward, as the bot received it
     */
    record Forward(MessageEvent original) implements Outgoing {
        public Forward {
            Objects.requireNonNull(original, "original");
        }
    }
}
