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
 * @param content the message's {@code Content} as the server sent it, its HTML entities decoded and a group sender
 *     prefix removed: XML (or an opaque token) naming the video on WeChat's CDN, which
 *     {@link dev.webwxbot.api.Outgoing#forward forwarding} sends back instead of uploading the video again
 *     (PROTOCOL.md 5.4); empty when not kept
 */
public record VideoMessage(Envelope envelope, Duration length, int width, int height, String md5, long size,
                           long thumbnailSize, String content) implements MessageEvent {
    public VideoMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(content, "content");
    }

    /** As before the content was kept: a video that cannot be forwarded without its bytes. */
    public VideoMessage(Envelope envelope, Duration length, int width, int height, String md5, long size,
                        long thumbnailSize) {
        this(envelope, length, width, height, md5, size, thumbnailSize, "");
    }

    /** As before the content's fields were kept: no md5, sizes unknown. */
    public VideoMessage(Envelope envelope, Duration length, int width, int height) {
        this(envelope, length, width, height, "", -1, -1, "");
    }
}
