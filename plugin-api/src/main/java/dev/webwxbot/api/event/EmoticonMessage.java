package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A sticker or animated emoji.
 *
 * @param md5 the sticker's MD5 as the server knows it (lets it be re-sent without upload); empty when absent
 * @param storeSticker whether it is a sticker from the store, which cannot be downloaded or forwarded
 */
public record EmoticonMessage(Envelope envelope, String md5, boolean storeSticker) implements MessageEvent {
    public EmoticonMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(md5, "md5");
    }
}
