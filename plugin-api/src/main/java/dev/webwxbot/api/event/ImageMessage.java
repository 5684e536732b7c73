package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A picture. Its bytes are fetched on demand by message id.
 *
 * @param width width in pixels as the server gives it ({@code ImgWidth}), 0 when it did not say; the captures show the
 *     size of the preview (at most about 120 px), not of the picture, which the protocol never states
 * @param height height in pixels as the server gives it ({@code ImgHeight}), 0 when it did not say; the preview's
 */
public record ImageMessage(Envelope envelope, int width, int height) implements MessageEvent {
    public ImageMessage {
        Objects.requireNonNull(envelope, "envelope");
    }
}
