package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A picture. Its bytes are fetched on demand by message id.
 *
 * @param width width in pixels as the server gives it ({@code ImgWidth}), 0 when it did not say; the captures show the
 *     size of the preview (at most about 120 px), not of the picture, which the protocol never states
 * @param height height in pixels as the server gives it ({@code ImgHeight}), 0 when it did not say; the preview's
 * @param md5 the picture's MD5 in lowercase hex as the sender's phone computed it ({@code <img md5=…>}); empty when
 *     the content does not say, as in the newer captures whose content is an opaque token
 * @param size the picture's size in bytes ({@code <img length=…>}), -1 when the content does not say
 * @param thumbnailSize the preview's size in bytes ({@code cdnthumblength}), -1 when the content does not say
 * @param content the message's {@code Content} as the server sent it, its HTML entities decoded and a group sender
 *     prefix removed: XML (or an opaque token) naming the picture on WeChat's CDN, which
 *     {@link dev.webwxbot.api.Outgoing#forward forwarding} sends back instead of uploading the picture again
 *     (PROTOCOL.md 5.3); empty when not kept
 */
public record ImageMessage(Envelope envelope, int width, int height, String md5, long size, long thumbnailSize,
                           String content) implements MessageEvent {
    public ImageMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(content, "content");
    }

    /** As before the content was kept: a picture that cannot be forwarded without its bytes. */
    public ImageMessage(Envelope envelope, int width, int height, String md5, long size, long thumbnailSize) {
        this(envelope, width, height, md5, size, thumbnailSize, "");
    }

    /** As before the content's fields were kept: no md5, sizes unknown. */
    public ImageMessage(Envelope envelope, int width, int height) {
        this(envelope, width, height, "", -1, -1, "");
    }
}
