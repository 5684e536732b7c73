package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared link or article.
 *
 * @param title the link's title
 * @param description the summary under the title, often empty
 * @param url where it points
 * @param appName the app or account it was shared from, often empty
 * @param thumbnailUrl the preview picture's address ({@code <thumburl>}), often empty
 * @param appMsgType the protocol's {@code AppMsgType} (5 for a link), which tells the kinds of share apart
 * @param appId the id of the app that shared it ({@code AppInfo.AppID}, else {@code <appmsg appid=…>}), often empty
 */
public record LinkMessage(Envelope envelope, String title, String description, String url, String appName,
                          String thumbnailUrl, int appMsgType, String appId) implements MessageEvent {
    public LinkMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(thumbnailUrl, "thumbnailUrl");
        Objects.requireNonNull(appId, "appId");
    }

    /** As before the other fields were kept: no thumbnail or app id, an ordinary link share (AppMsgType 5). */
    public LinkMessage(Envelope envelope, String title, String description, String url, String appName) {
        this(envelope, title, description, url, appName, "", 5, "");
    }
}
