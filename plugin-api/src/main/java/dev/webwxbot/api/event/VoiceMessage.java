package dev.webwxbot.api.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A voice note (MP3 on download).
 *
 * @param length how long it plays
 * @param size the recording's size in bytes as the phone stored it ({@code <voicemsg length=…>}, not the size of
 *     the MP3 a download gives), -1 when the content does not say
 * @param voiceFormat the phone's recording format, the protocol's {@code voiceformat} code (the captures show 4),
 *     0 when the content does not say; the download is MP3 whatever it is
 */
public record VoiceMessage(Envelope envelope, Duration length, long size, int voiceFormat) implements MessageEvent {
    public VoiceMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(length, "length");
    }

    /** As before the content's fields were kept: size and format unknown. */
    public VoiceMessage(Envelope envelope, Duration length) {
        this(envelope, length, -1, 0);
    }
}
