package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.http.HttpRequest;
import dev.webwxbot.core.internal.http.FileResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The media calls of a logged-in session: upload (PROTOCOL.md 6), the media sends (5.3–5.6), revoke (5.7) and the
 * downloads (7), built as the official page builds them. Thread-safe.
 */
public final class MediaCalls {
    private static final String CGI = "/cgi-bin/mmwebwx-bin/";
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);
    /** {@code appid} of the web page's file messages (5.5). */
    private static final String WEB_APP_ID = "wxeb7ec651dd0aefa9";
    /** {@code Scene} of a forward: wechat4u's value (5.1); 0 otherwise. */
    private static final int FORWARD_SCENE = 2;

    private final SessionCalls session;

    MediaCalls(SessionCalls session) {
        this.session = session;
    }

    /** What webwxcheckupload answered: a known file's id, or the key and signature for a new upload. */
    public record CheckUpload(String mediaId, String aesKey, String signature) {
    }

    /** What one webwxuploadmedia request answered; {@code mediaId} is empty before the last chunk. */
    public record UploadAnswer(String mediaId, long startPos) {
    }

    /**
     * One chunk of an upload. {@code chunks} 1 means an unchunked upload (no {@code chunks}/{@code chunk} fields).
     *
     * @param data the chunk's bytes, of which the first {@code length} are sent
     */
    public record UploadChunk(String uploadMediaRequest, String fileName, String mimeType, String lastModifiedDate,
                              long totalSize, int chunks, int chunk, String mediaType, String dataTicket,
                              byte[] data, int length) {
    }

    /**
     * The {@code uploadmediarequest} JSON of 6.2, built once per file: every chunk carries the very same text
     * (StartPos 0 and DataLen the total size, as the browser sends them). {@code checked} may be null.
     */
    public String uploadMediaRequest(Credentials credentials, long clientMediaId, long totalSize, String fromUserName,
                                     String toUserName, String fileMd5, CheckUpload checked) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("UploadType", 2);
        request.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        request.put("ClientMediaId", clientMediaId);
        request.put("TotalLen", totalSize);
        request.put("StartPos", 0);
        request.put("DataLen", totalSize);
        request.put("MediaType", 4);
        request.put("FromUserName", fromUserName);
        request.put("ToUserName", toUserName);
        request.put("FileMd5", fileMd5);
        if (checked != null && !checked.signature().isEmpty()) {
            request.put("AESKey", checked.aesKey());
            request.put("Signature", checked.signature());
        }
        return new String(Json.write(request), StandardCharsets.UTF_8);
    }

    /** webwxcheckupload (6.1): asked for files above 25 MiB. {@code FileType} 7 as in the documented body. */
    public CompletableFuture<CheckUpload> checkUpload(Credentials credentials, String selfUserName, String toUserName,
                                                      String fileMd5, String fileName, long size) {
        URI uri = session.api("webwxcheckupload").uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        body.put("FileMd5", fileMd5);
        body.put("FileName", fileName);
        body.put("FileSize", size);
        body.put("FileType", 7);
        body.put("FromUserName", selfUserName);
        body.put("ToUserName", toUserName);
        return session.post("webwxcheckupload", uri, body).thenApply(node -> new CheckUpload(
                Json.text(node, "MediaId"), Json.text(node, "AESKey"), Json.text(node, "Signature")));
    }

    /** One webwxuploadmedia request on the file host (6.2). */
    public CompletableFuture<UploadAnswer> uploadChunk(Credentials credentials, UploadChunk chunk) {
        URI uri = Query.of(session.hosts().fileHost(), CGI + "webwxuploadmedia").param("f", "json").uri();
        String safeName = formSafe(chunk.fileName());
        UploadForm form = new UploadForm(chunk.length())
                .field("id", "WU_FILE_0")
                .field("name", safeName)
                .field("type", chunk.mimeType())
                .field("lastModifiedDate", chunk.lastModifiedDate())
                .field("size", Long.toString(chunk.totalSize()));
        if (chunk.chunks() > 1) {
            form.field("chunks", Integer.toString(chunk.chunks())).field("chunk", Integer.toString(chunk.chunk()));
        }
        form.field("mediatype", chunk.mediaType())
                .field("uploadmediarequest", chunk.uploadMediaRequest())
                .field("webwx_data_ticket", chunk.dataTicket())
                // The official page sends the pass_ticket percent-decoded in forms (0.4).
                .field("pass_ticket", URLDecoder.decode(credentials.passTicket(), StandardCharsets.UTF_8))
                .file(safeName, chunk.data(), chunk.length());
        String contentType = form.contentType();
        HttpRequest http = HttpRequest.post(uri, contentType, form.finish())
                .withHeader("Accept", "*/*")
                .withHeader("Origin", "https://" + session.hosts().apiHost())
                .withReadTimeout(UPLOAD_TIMEOUT);
        return session.caller().send(http).thenApply(response -> {
            JsonNode node = WxCaller.parseJson("webwxuploadmedia", response);
            SessionCalls.checkRet("webwxuploadmedia", node);
            return new UploadAnswer(Json.text(node, "MediaId"), Json.longValue(node, "StartPos", 0));
        });
    }

    /** webwxsendmsgimg (5.3). */
    public CompletableFuture<SessionCalls.SentMessage> sendImage(Credentials credentials, String selfUserName,
                                                                 String toUserName, String mediaId) {
        return sendUploaded("webwxsendmsgimg", 3, credentials, selfUserName, toUserName, mediaId);
    }

    /** webwxsendmsgimg (5.3) under a caller-chosen {@code LocalID} (see {@link SessionCalls#checkedLocalId}). */
    public CompletableFuture<SessionCalls.SentMessage> sendImage(Credentials credentials, String selfUserName,
                                                                 String toUserName, String mediaId, String localId) {
        return sendUploaded("webwxsendmsgimg", 3, credentials, selfUserName, toUserName, mediaId, localId);
    }

    /** webwxsendvideomsg (5.4). */
    public CompletableFuture<SessionCalls.SentMessage> sendVideo(Credentials credentials, String selfUserName,
                                                                 String toUserName, String mediaId) {
        return sendUploaded("webwxsendvideomsg", 43, credentials, selfUserName, toUserName, mediaId);
    }

    /** webwxsendvideomsg (5.4) under a caller-chosen {@code LocalID} (see {@link SessionCalls#checkedLocalId}). */
    public CompletableFuture<SessionCalls.SentMessage> sendVideo(Credentials credentials, String selfUserName,
                                                                 String toUserName, String mediaId, String localId) {
        return sendUploaded("webwxsendvideomsg", 43, credentials, selfUserName, toUserName, mediaId, localId);
    }

    private CompletableFuture<SessionCalls.SentMessage> sendUploaded(String endpoint, int type, Credentials credentials,
                                                                     String selfUserName, String toUserName,
                                                                     String mediaId) {
        return sendUploaded(endpoint, type, credentials, selfUserName, toUserName, mediaId, session.newLocalId());
    }

    private CompletableFuture<SessionCalls.SentMessage> sendUploaded(String endpoint, int type, Credentials credentials,
                                                                     String selfUserName, String toUserName,
                                                                     String mediaId, String localId) {
        return sendMedia(endpoint, type, credentials, selfUserName, toUserName, mediaId, "", 0, localId);
    }

    /**
     * Forwards a received image (webwxsendmsgimg, 5.3) or video (webwxsendvideomsg, 5.4) without uploading it, as
     * wechat4u does: {@code Scene 2}, an empty {@code MediaId} and the original message's {@code Content}, whose CDN
     * keys name the media on the server.
     */
    public CompletableFuture<SessionCalls.SentMessage> forwardByContent(Credentials credentials, String selfUserName,
                                                                       String toUserName, boolean video,
                                                                       String content, String localId) {
        return sendMedia(video ? "webwxsendvideomsg" : "webwxsendmsgimg", video ? 43 : 3, credentials, selfUserName,
                toUserName, "", content, FORWARD_SCENE, localId);
    }

    private CompletableFuture<SessionCalls.SentMessage> sendMedia(String endpoint, int type, Credentials credentials,
                                                                  String selfUserName, String toUserName,
                                                                  String mediaId, String content, int scene,
                                                                  String localId) {
        SessionCalls.checkedLocalId(localId);
        ObjectNode body = envelope(credentials);
        ObjectNode msg = body.putObject("Msg");
        msg.put("Type", type);
        msg.put("MediaId", mediaId);
        msg.put("Content", content);
        addRoute(msg, selfUserName, toUserName, localId);
        body.put("Scene", scene);
        return send(endpoint, "async", credentials, body, localId);
    }

    /**
     * webwxsendappmsg with the attachment XML of 5.5; {@code signature} from webwxcheckupload or empty. In desktop
     * mode (2.6) the official page in client mode appends {@code &mod=desktop} and leaves {@code appid} empty.
     */
    public CompletableFuture<SessionCalls.SentMessage> sendFile(Credentials credentials, String selfUserName,
                                                                String toUserName, String title, long size,
                                                                String mediaId, String fileExt, String signature) {
        return sendFile(credentials, selfUserName, toUserName, title, size, mediaId, fileExt, signature,
                session.newLocalId());
    }

    /** webwxsendappmsg (5.5) under a caller-chosen {@code LocalID} (see {@link SessionCalls#checkedLocalId}). */
    public CompletableFuture<SessionCalls.SentMessage> sendFile(Credentials credentials, String selfUserName,
                                                                String toUserName, String title, long size,
                                                                String mediaId, String fileExt, String signature,
                                                                String localId) {
        return sendFile(credentials, selfUserName, toUserName, title, size, mediaId, fileExt, signature, 0, localId);
    }

    /**
     * Forwards a received file without uploading it: its {@code MediaId} as the appmsg's {@code attachid} (5.5,
     * wxpy and wechat4u), {@code Scene 2}.
     */
    public CompletableFuture<SessionCalls.SentMessage> forwardFile(Credentials credentials, String selfUserName,
                                                                   String toUserName, String title, long size,
                                                                   String mediaId, String fileExt, String localId) {
        return sendFile(credentials, selfUserName, toUserName, title, size, mediaId, fileExt, "", FORWARD_SCENE,
                localId);
    }

    private CompletableFuture<SessionCalls.SentMessage> sendFile(Credentials credentials, String selfUserName,
                                                                 String toUserName, String title, long size,
                                                                 String mediaId, String fileExt, String signature,
                                                                 int scene, String localId) {
        SessionCalls.checkedLocalId(localId);
        ObjectNode body = envelope(credentials);
        ObjectNode msg = body.putObject("Msg");
        msg.put("Type", 6);
        String appId = session.desktopMode() ? "" : WEB_APP_ID;
        msg.put("Content", "<appmsg appid='" + appId + "' sdkver=''><title>" + xml(title) + "</title><des></des>"
                + "<action></action><type>6</type><content></content><url></url><lowurl></lowurl><appattach>"
                + "<totallen>" + size + "</totallen><attachid>" + xml(mediaId) + "</attachid><fileext>" + xml(fileExt)
                + "</fileext></appattach><extinfo></extinfo></appmsg>");
        addRoute(msg, selfUserName, toUserName, localId);
        if (!signature.isEmpty()) {
            msg.put("Signature", signature);
        }
        body.put("Scene", scene);
        return send("webwxsendappmsg", "async", credentials, body, localId, session.desktopMode());
    }

    /** webwxsendemoticon (5.6): by an uploaded {@code MediaId} when it starts with {@code @}, else by MD5. */
    public CompletableFuture<SessionCalls.SentMessage> sendEmoticon(Credentials credentials, String selfUserName,
                                                                    String toUserName, String mediaIdOrMd5) {
        return sendEmoticon(credentials, selfUserName, toUserName, mediaIdOrMd5, session.newLocalId());
    }

    /** webwxsendemoticon (5.6) under a caller-chosen {@code LocalID} (see {@link SessionCalls#checkedLocalId}). */
    public CompletableFuture<SessionCalls.SentMessage> sendEmoticon(Credentials credentials, String selfUserName,
                                                                    String toUserName, String mediaIdOrMd5,
                                                                    String localId) {
        SessionCalls.checkedLocalId(localId);
        ObjectNode body = envelope(credentials);
        ObjectNode msg = body.putObject("Msg");
        msg.put("Type", 47);
        msg.put("EmojiFlag", 2);
        msg.put(mediaIdOrMd5.startsWith("@") ? "MediaId" : "EMoticonMd5", mediaIdOrMd5);
        addRoute(msg, selfUserName, toUserName, localId);
        body.put("Scene", 0);
        return send("webwxsendemoticon", "sys", credentials, body, localId);
    }

    /** webwxrevokemsg (5.7). */
    public CompletableFuture<Void> revoke(Credentials credentials, String svrMsgId, String toUserName,
                                          String clientMsgId) {
        URI uri = session.api("webwxrevokemsg").param("lang", session.lang())
                .param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = envelope(credentials);
        body.put("SvrMsgId", svrMsgId);
        body.put("ToUserName", toUserName);
        body.put("ClientMsgId", clientMsgId);
        return session.post("webwxrevokemsg", uri, body).thenApply(node -> null);
    }

    /** webwxgetmsgimg (7): the picture or sticker of a message; {@code slave} for its thumbnail. */
    public HttpRequest messageImage(Credentials credentials, String msgId, boolean slave) {
        Query query = session.api("webwxgetmsgimg").param("MsgID", msgId).param("skey", credentials.skey());
        if (slave) {
            query.param("type", "slave");
        }
        return download(query.uri(), false);
    }

    /** webwxgetvoice (7). */
    public HttpRequest voice(Credentials credentials, String msgId) {
        return download(session.api("webwxgetvoice").param("msgid", msgId).param("skey", credentials.skey()).uri(),
                false);
    }

    /** webwxgetvideo (7), with the {@code Range: bytes=0-} every working client sends. */
    public HttpRequest video(Credentials credentials, String msgId) {
        return download(session.api("webwxgetvideo").param("msgid", msgId).param("skey", credentials.skey()).uri(),
                true);
    }

    /** webwxgetmedia on the file host (7), with the documented parameters. */
    public HttpRequest attachment(Credentials credentials, String senderUserName, String mediaId,
                                  String encryFileName, String dataTicket) {
        URI uri = Query.of(session.hosts().fileHost(), CGI + "webwxgetmedia")
                .param("sender", senderUserName)
                .param("mediaid", mediaId)
                .param("encryfilename", encryFileName)
                .param("fromuser", credentials.uin())
                .param("pass_ticket", credentials.passTicket())
                .param("webwx_data_ticket", dataTicket)
                .uri();
        return download(uri, false);
    }

    /**
     * A head image: the contact's {@code HeadImgUrl} on the API host when it has one, else webwxgeticon
     * (webwxgetheadimg for groups) by UserName (7).
     */
    public HttpRequest headImage(Credentials credentials, String userName, String headImgUrl, boolean group) {
        URI uri;
        if (headImgUrl != null && headImgUrl.startsWith(CGI)) {
            uri = URI.create("https://" + session.hosts().apiHost() + headImgUrl);
        } else {
            uri = session.api(group ? "webwxgetheadimg" : "webwxgeticon").param("seq", 0).param("username", userName)
                    .param("skey", credentials.skey()).uri();
        }
        return download(uri, false);
    }

    /**
     * Sends one of the download requests above and streams a 2xx body into {@code file}, which is deleted again on
     * failure or any other status (see {@link dev.webwxbot.core.internal.http.HttpTransport#download}). Opens the
     * file on the calling thread.
     */
    public CompletableFuture<FileResponse> save(HttpRequest download, Path file, long maxBytes) {
        return session.caller().download(download, file, maxBytes);
    }

    private static HttpRequest download(URI uri, boolean range) {
        HttpRequest request = HttpRequest.get(uri).withReadTimeout(DOWNLOAD_TIMEOUT);
        return range ? request.withHeader("Range", "bytes=0-") : request;
    }

    private CompletableFuture<SessionCalls.SentMessage> send(String endpoint, String fun, Credentials credentials,
                                                             ObjectNode body, String localId) {
        return send(endpoint, fun, credentials, body, localId, false);
    }

    /** @param desktopMod append {@code mod=desktop} after the other parameters, as "adds {@code &mod=desktop}" says */
    private CompletableFuture<SessionCalls.SentMessage> send(String endpoint, String fun, Credentials credentials,
                                                             ObjectNode body, String localId, boolean desktopMod) {
        Query query = session.api(endpoint).param("fun", fun);
        if (fun.equals("async")) {
            query.param("f", "json");
        }
        query.param("lang", session.lang()).param("pass_ticket", credentials.passTicket());
        if (desktopMod) {
            query.param("mod", "desktop");
        }
        URI uri = query.uri();
        return session.postMessage(endpoint, uri, body).thenApply(node ->
                new SessionCalls.SentMessage(Json.text(node, "MsgID"), localId));
    }

    private static ObjectNode envelope(Credentials credentials) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        return body;
    }

    private static void addRoute(ObjectNode msg, String selfUserName, String toUserName, String localId) {
        msg.put("FromUserName", selfUserName);
        msg.put("ToUserName", toUserName);
        msg.put("LocalID", localId);
        msg.put("ClientMsgId", localId);
    }

    /** Text for the single-line appmsg XML. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }

    /** A file name for a form header: no quotes, line breaks or other control characters. */
    static String formSafe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(c == '"' || c == '\\' || Character.isISOControl(c) ? '_' : c));
        return out.toString();
    }
}
