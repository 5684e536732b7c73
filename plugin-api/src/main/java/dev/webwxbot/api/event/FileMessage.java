package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A file attachment.
 *
 * @param fileName the name the sender gave it, as sent (not yet safe to use as a path)
 * @param size size in bytes, -1 when the server did not say
 * @param mediaId the server's attachment id, needed to download or forward it
 * @param encodedFileName the name as the server percent-encodes it ({@code EncryFileName}, e.g.
 *     {@code report%2Ezip}), which {@code webwxgetmedia} takes as {@code encryfilename}; empty when not sent
 * @param extension the file's extension without the dot, as the sender's client states it ({@code <fileext>}), else
 *     as the file name ends; empty when neither has one
 * @param appId the id of the app that sent it ({@code AppInfo.AppID}, else {@code <appmsg appid=…>}; PC clients
 *     use {@code wx6618f1cfc6c132f8}); empty when not sent
 * @param appName that app's name ({@code <appinfo><appname>}, e.g. 微信电脑版); empty when not sent
 */
public record FileMessage(Envelope envelope, String fileName, long size, String mediaId, String encodedFileName,
                          String extension, String appId, String appName) implements MessageEvent {
    public FileMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(encodedFileName, "encodedFileName");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appName, "appName");
    }

    /** As before the other fields were kept: no encoded name, extension, app id or app name. */
    public FileMessage(Envelope envelope, String fileName, long size, String mediaId) {
        this(envelope, fileName, size, mediaId, "", "", "", "");
    }
}
