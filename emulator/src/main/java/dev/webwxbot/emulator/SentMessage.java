package dev.webwxbot.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a client sent through a send endpoint, as the emulator accepted it. Immutable and thread-safe.
 *
 * @param time         when it was accepted
 * @param fromUserName {@code Msg.FromUserName} (the session's own UserName)
 * @param toUserName   {@code Msg.ToUserName}
 * @param toNickName   the recipient's nickname in the emulated world
 * @param type         {@code Msg.Type}
 * @param content      {@code Msg.Content} as sent (plain text for type 1, the appmsg XML for a file)
 * @param msgId        the {@code MsgID} the emulator answered with
 * @param localId      {@code Msg.LocalID} as a string ({@code ""} when absent)
 * @param clientMsgId  {@code Msg.ClientMsgId} as a string ({@code ""} when absent)
 * @param kind         which send endpoint took it
 * @param media        what a media send referred to ({@link Media#NONE} for text)
 * @param msgSource    {@code Msg.MsgSource} ({@code ""} when absent; carries the @-mention list of 5.2)
 * @param modDesktop   whether the send's query carried {@code mod=desktop}, as the official page's desktop (UOS) mode
 *                     adds to {@code webwxsendappmsg} (PROTOCOL.md 2.6, 5.5)
 * @param scene        the body's {@code Scene} (5.1): 0 normally, 2 when a client forwards (wechat4u); 0 when absent
 */
public record SentMessage(Instant time, String fromUserName, String toUserName, String toNickName, int type,
                          String content, String msgId, String localId, String clientMsgId, Kind kind, Media media,
                          String msgSource, boolean modDesktop, int scene) {

    /** {@code Scene} of a forward (PROTOCOL.md 5.1). */
    public static final int FORWARD_SCENE = 2;

    /** The send endpoint a message went through (PROTOCOL.md 5.2–5.6). */
    public enum Kind {
        /** webwxsendmsg */
        TEXT,
        /** webwxsendmsgimg */
        IMAGE,
        /** webwxsendvideomsg */
        VIDEO,
        /** webwxsendappmsg */
        FILE,
        /** webwxsendemoticon */
        EMOTICON
    }

    /**
     * What a media message referred to, with the facts of the upload behind it.
     *
     * @param mediaId     {@code Msg.MediaId}, or the appmsg's {@code attachid} ({@code ""} when none)
     * @param fileName    the uploaded file's name, or the appmsg's {@code title}
     * @param size        the uploaded size in bytes, or the appmsg's {@code totallen} (-1 when unknown)
     * @param md5         MD5 of the uploaded bytes, or of the received media a forward named (an image or video by
     *                    the CDN keys of its content, a file by its MediaId); {@code ""} otherwise
     * @param mediaType   the upload's form {@code mediatype} ({@code pic}, {@code video}, {@code doc}; or {@code ""})
     * @param fileExt     the appmsg's {@code fileext} ({@code ""} otherwise)
     * @param emoticonMd5 {@code Msg.EMoticonMd5} ({@code ""} when absent)
     * @param signature   {@code Msg.Signature} from webwxcheckupload ({@code ""} when absent)
     * @param appId       the appmsg's {@code appid} attribute: {@code wxeb7ec651dd0aefa9} from the web page,
     *                    {@code ""} from its desktop mode (5.5); {@code ""} for other kinds
     */
    public record Media(String mediaId, String fileName, long size, String md5, String mediaType, String fileExt,
                        String emoticonMd5, String signature, String appId) {
        public static final Media NONE = new Media("", "", -1, "", "", "", "", "", "");

        public Media {
            Objects.requireNonNull(mediaId, "mediaId");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(md5, "md5");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(fileExt, "fileExt");
            Objects.requireNonNull(emoticonMd5, "emoticonMd5");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(appId, "appId");
        }

        /** Media that is not an app message (no {@code appid}). */
        public Media(String mediaId, String fileName, long size, String md5, String mediaType, String fileExt,
                     String emoticonMd5, String signature) {
            this(mediaId, fileName, size, md5, mediaType, fileExt, emoticonMd5, signature, "");
        }
    }

    public SentMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(media, "media");
        msgSource = Objects.requireNonNullElse(msgSource, "");
    }

    /** A send without a {@code Scene}. */
    public SentMessage(Instant time, String fromUserName, String toUserName, String toNickName, int type,
                       String content, String msgId, String localId, String clientMsgId, Kind kind, Media media,
                       String msgSource, boolean modDesktop) {
        this(time, fromUserName, toUserName, toNickName, type, content, msgId, localId, clientMsgId, kind, media,
                msgSource, modDesktop, 0);
    }

    /** Whether the client sent it as a forward ({@code Scene 2}, 5.1). */
    public boolean forwarded() {
        return scene == FORWARD_SCENE;
    }

    /** A send without {@code mod=desktop}. */
    public SentMessage(Instant time, String fromUserName, String toUserName, String toNickName, int type,
                       String content, String msgId, String localId, String clientMsgId, Kind kind, Media media,
                       String msgSource) {
        this(time, fromUserName, toUserName, toNickName, type, content, msgId, localId, clientMsgId, kind, media,
                msgSource, false);
    }

    /** A text sent through webwxsendmsg. */
    public SentMessage(Instant time, String fromUserName, String toUserName, String toNickName, int type,
                       String content, String msgId, String localId, String clientMsgId) {
        this(time, fromUserName, toUserName, toNickName, type, content, msgId, localId, clientMsgId, Kind.TEXT,
                Media.NONE, "");
    }
}
