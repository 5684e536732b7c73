package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared link or article.
 *
 * @param title the link's title
 * @param description the summary under the title, often empty
 * @param url where it points
 * @param appName the app or account it was shared from, often empty
 */
public record LinkMessage(Envelope envelope, String title, String description, String url, String appName)
        implements MessageEvent {
    public LinkMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(appName, "appName");
    }
}
