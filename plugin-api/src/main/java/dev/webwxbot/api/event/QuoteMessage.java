package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A reply that quotes an earlier message.
 *
 * @param text the reply itself
 * @param quotedMsgId the server id of the quoted message, empty when unknown
 * @param quotedSenderName the name the quoted message's sender is shown with
 * @param quotedText the quoted message's text as the server summarises it
 */
public record QuoteMessage(
        Envelope envelope, String text, String quotedMsgId, String quotedSenderName, String quotedText)
        implements MessageEvent {
    public QuoteMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(quotedMsgId, "quotedMsgId");
        Objects.requireNonNull(quotedSenderName, "quotedSenderName");
        Objects.requireNonNull(quotedText, "quotedText");
    }
}
