package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A text message (emoji, line breaks and HTML entities already decoded; a group sender prefix removed).
 *
 * @param text what was written
 */
public record TextMessage(Envelope envelope, String text) implements MessageEvent {
    public TextMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(text, "text");
    }
}
