package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A picture. Its bytes are fetched on demand by message id.
 *
 * @param width width in pixels, 0 when the server did not say
 * @param height height in pixels, 0 when the server did not say
 */
public record ImageMessage(Envelope envelope, int width, int height) implements MessageEvent {
    public ImageMessage {
        Objects.requireNonNull(envelope, "envelope");
    }
}
