package dev.webwxbot.api.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A video or short video.
 *
 * @param length how long it plays
 * @param width thumbnail width in pixels, 0 when unknown
 * @param height thumbnail height in pixels, 0 when unknown
 * @param md5 the video's MD5 in lowercase hex ({@code <videomsg md5=…>}); empty when the content does not say, as
 *     in the captures whose content is an opaque token
 * @param size the video's size in bytes ({@code <videomsg length=…>}), -1 when the content does not say
 * @param thumbnailSize the thumbnail's size in bytes ({@code cdnthumblength}), -1 when the content does not say
 */
public record VideoMessage(Envelope envelope, Duration length, int width, int height, String md5, long size,
                           long thumbnailSize) implements MessageEvent {
    public VideoMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(md5, "md5");
    }

    /** As before the content's fields were kept: no md5, sizes unknown. */
    public VideoMessage(Envelope envelope, Duration length, int width, int height) {
        this(envelope, length, width, height, "", -1, -1);
    }
}
