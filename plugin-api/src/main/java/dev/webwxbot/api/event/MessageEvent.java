package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;

/**
 * A message in a chat. Every kind is a record whose first component is the {@link Envelope}.
 *
 * <pre>{@code
 * switch (message) {
 *     case TextMessage t -> handleText(t.text());
 *     case ImageMessage i -> log("image " + i.width() + "x" + i.height());
 *     default -> { }
 * }
 * }</pre>
 */
public sealed interface MessageEvent extends BotEvent
        permits TextMessage, ImageMessage, VoiceMessage, VideoMessage, FileMessage, CardMessage, EmoticonMessage,
                LocationMessage, LinkMessage, MusicMessage, MiniProgramMessage, QuoteMessage, TransferMessage,
                SystemNotice, RevokeNotice, RevokedMessage, FriendRequest, UnknownMessage {

    /** Who, where, when. */
    Envelope envelope();

    /** The conversation this message belongs to. */
    default Contact chat() {
        return envelope().chat();
    }

    /** Who wrote it. */
    default Contact sender() {
        return envelope().sender();
    }

    /** The server's message id. */
    default String msgId() {
        return envelope().msgId();
    }
}
