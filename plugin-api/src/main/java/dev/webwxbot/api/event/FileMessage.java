package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A file attachment.
 *
 * @param fileName the name the sender gave it, as sent (not yet safe to use as a path)
 * @param size size in bytes, -1 when the server did not say
 * @param mediaId the server's attachment id, needed to download or forward it
 */
public record FileMessage(Envelope envelope, String fileName, long size, String mediaId) implements MessageEvent {
    public FileMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaId, "mediaId");
    }
}
