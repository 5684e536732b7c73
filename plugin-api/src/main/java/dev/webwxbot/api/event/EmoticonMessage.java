package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A sticker or animated emoji.
 *
 * @param md5 the sticker's MD5 as the server knows it (lets it be re-sent without upload); empty when absent
 * @param storeSticker whether it is a sticker from the store, which cannot be downloaded or forwarded
 * @param size the sticker's size in bytes ({@code <emoji len=…>}), -1 when the content does not say
 * @param width width in pixels ({@code <emoji width=…>}, else {@code ImgWidth}), 0 when neither says
 * @param height height in pixels ({@code <emoji height=…>}, else {@code ImgHeight}), 0 when neither says
 * @param cdnUrl the sticker's address on WeChat's sticker CDN ({@code cdnurl}, {@code http://emoji.qpic.cn/…}),
 *     often empty
 * @param encryptedUrl the address of its encrypted copy ({@code encrypturl}), often empty
 * @param aesKey the AES key (hex) that goes with {@code encryptedUrl} ({@code aeskey}), often empty
 * @param productId the store's id of the sticker set it belongs to ({@code productid}), empty for a sticker of the
 *     sender's own
 */
public record EmoticonMessage(Envelope envelope, String md5, boolean storeSticker, long size, int width, int height,
                              String cdnUrl, String encryptedUrl, String aesKey, String productId)
        implements MessageEvent {
    public EmoticonMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(cdnUrl, "cdnUrl");
        Objects.requireNonNull(encryptedUrl, "encryptedUrl");
        Objects.requireNonNull(aesKey, "aesKey");
        Objects.requireNonNull(productId, "productId");
    }

    /** As before the content's other fields were kept: size unknown, no dimensions, addresses or product. */
    public EmoticonMessage(Envelope envelope, String md5, boolean storeSticker) {
        this(envelope, md5, storeSticker, -1, 0, 0, "", "", "", "");
    }
}
