package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared mini program page.
 *
 * @param title the card's title
 * @param appId the mini program's app id, often empty
 * @param pagePath the page inside the mini program, often empty
 * @param appName the mini program's name, often empty
 */
public record MiniProgramMessage(Envelope envelope, String title, String appId, String pagePath, String appName)
        implements MessageEvent {
    public MiniProgramMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(pagePath, "pagePath");
        Objects.requireNonNull(appName, "appName");
    }
}
