package dev.webwxbot.api.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A video or short video.
 *
 * @param length how long it plays
 * @param width thumbnail width in pixels, 0 when unknown
 * @param height thumbnail height in pixels, 0 when unknown
 */
public record VideoMessage(Envelope envelope, Duration length, int width, int height) implements MessageEvent {
    public VideoMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(length, "length");
    }
}
