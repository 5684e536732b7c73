package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared song.
 *
 * @param title the song's title
 * @param description usually the artist
 * @param url the song's page
 * @param streamUrl where the audio streams from, often empty
 */
public record MusicMessage(Envelope envelope, String title, String description, String url, String streamUrl)
        implements MessageEvent {
    public MusicMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(streamUrl, "streamUrl");
    }
}
