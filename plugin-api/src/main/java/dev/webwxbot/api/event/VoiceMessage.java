package dev.webwxbot.api.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A voice note (MP3 on download).
 *
 * @param length how long it plays
 */
public record VoiceMessage(Envelope envelope, Duration length) implements MessageEvent {
    public VoiceMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(length, "length");
    }
}
