package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxuploadmedia, webwxcheckupload and the media send endpoints (PROTOCOL.md 5.3–5.6, 6) over plain HTTP. */
class UploadAndMediaSendConformanceTest {
    private static final int CHUNK = 524_288;
    private static final String BOUNDARY = "----WebKitFormBoundaryCFAuSFyYgivpBuGp";

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private WebLogin login;
    private String self;
    private JsonNode syncKey;

    @BeforeEach
    void logIn() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).uploadLimitBytes(2_000_000).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        JsonNode init = login.init(client);
        self = init.path("User").path("UserName").asText();
        syncKey = init.path("SyncKey");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aTwoChunkUploadIsReassembledVerifiedByMd5AndSentAsAFile() throws Exception {
        byte[] file = randomBytes(CHUNK + 75_000, 1);
        String md5 = md5(file);

        JsonNode first = upload("report.pdf", "doc", file, 0, CHUNK, 2, md5, login.cookies.get("webwx_data_ticket"));
        assertEquals(List.of("BaseResponse", "MediaId", "StartPos", "CDNThumbImgHeight", "CDNThumbImgWidth",
                "EncryFileName"), fieldNames(first));
        assertEquals(0, first.path("BaseResponse").path("Ret").asInt());
        assertEquals("", first.path("MediaId").asText());
        assertEquals(CHUNK, first.path("StartPos").asLong());
        assertEquals("report%2Epdf", first.path("EncryFileName").asText());

        JsonNode last = upload("report.pdf", "doc", file, CHUNK, file.length, 2, md5, login.cookies.get("webwx_data_ticket"));
        assertEquals(0, last.path("BaseResponse").path("Ret").asInt());
        String mediaId = last.path("MediaId").asText();
        assertTrue(mediaId.startsWith("@crypt_"), mediaId);
        assertEquals(file.length, last.path("StartPos").asLong());

        RecordedRequest recorded = emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("webwxuploadmedia")).toList().getLast();
        assertEquals("file.wx.qq.com", recorded.host());
        assertEquals("json", recorded.queryParam("f"));
        assertEquals(List.of("id", "name", "type", "lastModifiedDate", "size", "chunks", "chunk", "mediatype",
                "uploadmediarequest", "webwx_data_ticket", "pass_ticket", "filename"),
                recorded.parts().stream().map(FormPart::name).toList());
        assertEquals("1", recorded.part("chunk").text());
        FormPart bytes = recorded.part("filename");
        assertEquals("report.pdf", bytes.fileName());
        assertEquals(file.length - CHUNK, bytes.size());
        assertEquals(md5(java.util.Arrays.copyOfRange(file, CHUNK, file.length)), bytes.md5());

        WireClient.Response download = client.get("file.wx.qq.com", WebLogin.CGI + "webwxgetmedia?sender=" + self
                + "&mediaid=" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8) + "&encryfilename=report%2Epdf"
                + "&fromuser=" + login.uin + "&pass_ticket=undefined&webwx_data_ticket="
                + login.cookies.get("webwx_data_ticket"), "Cookie", login.cookieHeader());
        assertEquals(200, download.status());
        assertArrayEquals(file, download.body());

        String xml = "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>report.pdf</title><des></des><action></action>"
                + "<type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>" + file.length
                + "</totallen><attachid>" + mediaId + "</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>";
        JsonNode sent = send("webwxsendappmsg?fun=async&f=json", "{\"Type\":6,\"Content\":\"" + xml.replace("\"", "\\\"")
                + "\"");
        assertEquals(0, sent.path("BaseResponse").path("Ret").asInt());
        SentMessage message = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(SentMessage.Kind.FILE, message.kind());
        assertEquals(6, message.type());
        assertEquals(sent.path("MsgID").asText(), message.msgId());
        assertEquals(new SentMessage.Media(mediaId, "report.pdf", file.length, md5, "doc", "pdf", "", "",
                "wxeb7ec651dd0aefa9"), message.media());
        assertEquals(xml, message.content());
    }

    @Test
    void aWrongMd5TicketOrSizeIsRefusedWithRetMinus1() throws Exception {
        byte[] file = randomBytes(1_000, 2);
        String ticket = login.cookies.get("webwx_data_ticket");
        assertEquals(-1, upload("a.bin", "doc", file, 0, file.length, 0, "0".repeat(32), ticket)
                .path("BaseResponse").path("Ret").asInt());
        assertEquals(-1, upload("a.bin", "doc", file, 0, file.length, 0, md5(file), "wrong-ticket")
                .path("BaseResponse").path("Ret").asInt());
        assertEquals(-1, upload("a.bin", "doc", file, 0, 999, 0, md5(file), ticket)
                .path("BaseResponse").path("Ret").asInt());
        byte[] tooLarge = randomBytes(2_000_001, 3);
        JsonNode overLimit = postUpload(form("big.bin", "doc", tooLarge, 0, CHUNK, 4, md5(tooLarge), ticket));
        assertEquals(-1, overLimit.path("BaseResponse").path("Ret").asInt());
        assertEquals("", overLimit.path("MediaId").asText());
        assertEquals(0, upload("a.bin", "doc", file, 0, file.length, 0, md5(file), ticket)
                .path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void checkUploadHandsOutAKeyAndSignatureOrTheMediaIdOfAKnownFile() throws Exception {
        byte[] file = randomBytes(3_000, 4);
        String body = "{\"BaseRequest\":" + login.baseRequest() + ",\"FileMd5\":\"" + md5(file)
                + "\",\"FileName\":\"big.zip\",\"FileSize\":" + file.length + ",\"FileType\":7,\"FromUserName\":\""
                + self + "\",\"ToUserName\":\"" + alice.userName() + "\"}";
        JsonNode fresh = login.postJson(client, "webwxcheckupload", body).json();
        assertEquals(List.of("BaseResponse", "MediaId", "AESKey", "Signature", "EncryFileName"), fieldNames(fresh));
        assertEquals("", fresh.path("MediaId").asText());
        assertFalse(fresh.path("AESKey").asText().isEmpty());
        assertFalse(fresh.path("Signature").asText().isEmpty());
        assertEquals("big%2Ezip", fresh.path("EncryFileName").asText());

        String mediaId = upload("big.zip", "doc", file, 0, file.length, 0, md5(file),
                login.cookies.get("webwx_data_ticket")).path("MediaId").asText();
        JsonNode known = login.postJson(client, "webwxcheckupload", body).json();
        assertEquals(mediaId, known.path("MediaId").asText());

        JsonNode tooLarge = login.postJson(client, "webwxcheckupload", body.replace("\"FileSize\":" + file.length,
                "\"FileSize\":31457280")).json();
        assertEquals(-1, tooLarge.path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void imageVideoAndEmoticonSendsReferToUploadsOrKnownStickers() throws Exception {
        String ticket = login.cookies.get("webwx_data_ticket");
        byte[] picture = randomBytes(2_000, 5);
        String pictureId = upload("photo.png", "pic", picture, 0, picture.length, 0, md5(picture), ticket)
                .path("MediaId").asText();
        assertEquals(-1, send("webwxsendmsgimg?fun=async&f=json", "{\"Type\":3,\"MediaId\":\"@crypt_unknown\","
                + "\"Content\":\"\"").path("BaseResponse").path("Ret").asInt());
        assertEquals(0, send("webwxsendmsgimg?fun=async&f=json", "{\"Type\":3,\"MediaId\":\"" + pictureId
                + "\",\"Content\":\"\"").path("BaseResponse").path("Ret").asInt());
        SentMessage image = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(SentMessage.Kind.IMAGE, image.kind());
        assertEquals(new SentMessage.Media(pictureId, "photo.png", picture.length, md5(picture), "pic", "", "", ""),
                image.media());

        byte[] clip = randomBytes(4_000, 6);
        String clipId = upload("clip.mp4", "video", clip, 0, clip.length, 0, md5(clip), ticket).path("MediaId").asText();
        assertEquals(0, send("webwxsendvideomsg?fun=async&f=json", "{\"Type\":43,\"MediaId\":\"" + clipId
                + "\",\"Content\":\"\"").path("BaseResponse").path("Ret").asInt());
        SentMessage video = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(SentMessage.Kind.VIDEO, video.kind());
        assertEquals(43, video.type());
        assertEquals("video", video.media().mediaType());

        // A sticker the phone received is known to the server by its MD5 and can be replayed; an unknown one cannot.
        byte[] gif = "GIF89a-sticker".getBytes(StandardCharsets.US_ASCII);
        alice.send(MessageBody.emoticon(gif, 10, 10));
        String stickerMd5 = md5(gif);
        assertEquals(-1, send("webwxsendemoticon?fun=sys", "{\"Type\":47,\"EmojiFlag\":2,\"EMoticonMd5\":\""
                + "0".repeat(32) + "\"").path("BaseResponse").path("Ret").asInt());
        // openwechat posts Type 1 to this endpoint; the endpoint decides the kind (5.6).
        assertEquals(0, send("webwxsendemoticon?fun=sys", "{\"Type\":1,\"EmojiFlag\":2,\"EMoticonMd5\":\""
                + stickerMd5 + "\"").path("BaseResponse").path("Ret").asInt());
        SentMessage sticker = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(SentMessage.Kind.EMOTICON, sticker.kind());
        assertEquals(stickerMd5, sticker.media().emoticonMd5());

        byte[] animated = randomBytes(1_500, 7);
        String animatedId = upload("a.gif", "doc", animated, 0, animated.length, 0, md5(animated), ticket)
                .path("MediaId").asText();
        assertEquals(0, send("webwxsendemoticon?fun=sys", "{\"Type\":47,\"EmojiFlag\":2,\"MediaId\":\"" + animatedId
                + "\"").path("BaseResponse").path("Ret").asInt());
        SentMessage uploadedSticker = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(md5(animated), uploadedSticker.media().md5());
        assertEquals("", uploadedSticker.media().emoticonMd5());
    }

    @Test
    void anImageSentFromTheWebIsEchoedToTheSenderAsItsOwnMessageWithTheSendsMsgId() throws Exception {
        byte[] picture = randomBytes(2_000, 8);
        String pictureId = upload("photo.jpg", "pic", picture, 0, picture.length, 0, md5(picture),
                login.cookies.get("webwx_data_ticket")).path("MediaId").asText();
        String msgId = send("webwxsendmsgimg?fun=async&f=json", "{\"Type\":3,\"MediaId\":\"" + pictureId
                + "\",\"Content\":\"\"").path("MsgID").asText();

        JsonNode echo = onlyMessage(login.sync(client, syncKey).json());
        assertEquals(msgId, echo.path("MsgId").asText(), "9.7: an echo carries the send's MsgID");
        assertEquals(3, echo.path("MsgType").asInt());
        assertEquals(self, echo.path("FromUserName").asText());
        assertEquals(alice.userName(), echo.path("ToUserName").asText());
        WireClient.Response original = client.get(login.apiHost, WebLogin.CGI + "webwxgetmsgimg?&MsgID=" + msgId
                + "&skey=" + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader());
        assertArrayEquals(picture, original.body(), "the echoed image downloads like any other");
    }

    @Test
    void aFileSentFromTheWebIsEchoedAsAnAttachmentOfTheSender() throws Exception {
        byte[] file = randomBytes(3_000, 9);
        String mediaId = upload("notes.txt", "doc", file, 0, file.length, 0, md5(file),
                login.cookies.get("webwx_data_ticket")).path("MediaId").asText();
        String msgId = send("webwxsendappmsg?fun=async&f=json", "{\"Type\":6,\"Content\":\""
                + fileAppMsg("wxeb7ec651dd0aefa9", "notes.txt", file.length, mediaId, "txt") + "\"").path("MsgID").asText();

        JsonNode echo = onlyMessage(login.sync(client, syncKey).json());
        assertEquals(msgId, echo.path("MsgId").asText());
        assertEquals(49, echo.path("MsgType").asInt());
        assertEquals(6, echo.path("AppMsgType").asInt());
        assertEquals("notes.txt", echo.path("FileName").asText());
        assertEquals(self, echo.path("FromUserName").asText());
    }

    @Test
    void withEchoesOffAMediaSendReachesNoSession() throws Exception {
        emulator.close();
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).echoWebSentMessages(false).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        JsonNode init = login.init(client);
        self = init.path("User").path("UserName").asText();
        byte[] picture = randomBytes(2_000, 10);
        String pictureId = upload("photo.jpg", "pic", picture, 0, picture.length, 0, md5(picture),
                login.cookies.get("webwx_data_ticket")).path("MediaId").asText();
        assertEquals(0, send("webwxsendmsgimg?fun=async&f=json", "{\"Type\":3,\"MediaId\":\"" + pictureId
                + "\",\"Content\":\"\"").path("BaseResponse").path("Ret").asInt());
        assertEquals(0, login.sync(client, init.path("SyncKey")).json().path("AddMsgCount").asInt());
    }

    @Test
    void aDesktopModeFileSendWithAnEmptyAppidIsAcceptedAndRecordedAsDesktop() throws Exception {
        byte[] file = randomBytes(1_200, 11);
        String mediaId = upload("report.pdf", "doc", file, 0, file.length, 0, md5(file),
                login.cookies.get("webwx_data_ticket")).path("MediaId").asText();
        JsonNode desktop = send("webwxsendappmsg?fun=async&f=json&mod=desktop", "{\"Type\":6,\"Content\":\""
                + fileAppMsg("", "report.pdf", file.length, mediaId, "pdf") + "\"");
        assertEquals(0, desktop.path("BaseResponse").path("Ret").asInt());
        SentMessage fromDesktop = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertTrue(fromDesktop.modDesktop());
        assertEquals("", fromDesktop.media().appId());
        assertEquals(mediaId, fromDesktop.media().mediaId());

        assertEquals(0, send("webwxsendappmsg?fun=async&f=json", "{\"Type\":6,\"Content\":\""
                + fileAppMsg("wxeb7ec651dd0aefa9", "report.pdf", file.length, mediaId, "pdf") + "\"")
                .path("BaseResponse").path("Ret").asInt());
        SentMessage fromWeb = bot.awaitSentMessage(Duration.ofSeconds(5));
        assertFalse(fromWeb.modDesktop());
        assertEquals("wxeb7ec651dd0aefa9", fromWeb.media().appId());
    }

    /** The single-line file appmsg of PROTOCOL.md 5.5, JSON-escaped for a {@code Msg.Content} string. */
    private static String fileAppMsg(String appId, String title, long size, String mediaId, String fileExt) {
        return ("<appmsg appid='" + appId + "' sdkver=''><title>" + title + "</title><des></des><action></action>"
                + "<type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>" + size
                + "</totallen><attachid>" + mediaId + "</attachid><fileext>" + fileExt + "</fileext></appattach>"
                + "<extinfo></extinfo></appmsg>").replace("\"", "\\\"");
    }

    private static JsonNode onlyMessage(JsonNode sync) {
        assertEquals(1, sync.path("AddMsgCount").asInt(), sync.toString());
        return sync.path("AddMsgList").path(0);
    }

    @Test
    void aNonMultipartUploadIsAParseError() {
        WireClient.Response response = client.post("file.wx.qq.com", WebLogin.CGI + "webwxuploadmedia?f=json", "{}",
                "Cookie", login.cookieHeader());
        assertEquals(1200, response.json().path("BaseResponse").path("Ret").asInt());
        assertNull(emulator.recordedRequests().getLast().part("filename"));
    }

    private JsonNode send(String endpointAndQuery, String msgStart) {
        String localId = "17000001234560417";
        return login.postJson(client, endpointAndQuery + "&lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"Msg\":" + msgStart + ",\"FromUserName\":\"" + self
                        + "\",\"ToUserName\":\"" + alice.userName() + "\",\"LocalID\":\"" + localId
                        + "\",\"ClientMsgId\":\"" + localId + "\"},\"Scene\":0}").json();
    }

    /** One upload request for {@code file[from, to)}; {@code chunks} 0 means unchunked. */
    private JsonNode upload(String name, String mediaType, byte[] file, int from, int to, int chunks, String md5,
                            String ticket) throws Exception {
        int chunk = chunks == 0 ? 0 : from / CHUNK;
        return postUpload(form(name, mediaType, java.util.Arrays.copyOfRange(file, from, to), chunk, file.length,
                chunks, md5, ticket));
    }

    private byte[] form(String name, String mediaType, byte[] data, int chunk, long total, int chunks, String md5,
                        String ticket) throws Exception {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", "WU_FILE_0"});
        fields.add(new String[] {"name", name});
        fields.add(new String[] {"type", "application/octet-stream"});
        fields.add(new String[] {"lastModifiedDate", "Mon Nov 20 2023 10:00:00 GMT+0800 (中国标准时间)"});
        fields.add(new String[] {"size", Long.toString(total)});
        if (chunks > 0) {
            fields.add(new String[] {"chunks", Integer.toString(chunks)});
            fields.add(new String[] {"chunk", Integer.toString(chunk)});
        }
        fields.add(new String[] {"mediatype", mediaType});
        fields.add(new String[] {"uploadmediarequest", "{\"UploadType\":2,\"BaseRequest\":" + login.baseRequest()
                + ",\"ClientMediaId\":1700000000123,\"TotalLen\":" + total + ",\"StartPos\":0,\"DataLen\":" + total
                + ",\"MediaType\":4,\"FromUserName\":\"" + self + "\",\"ToUserName\":\"" + alice.userName()
                + "\",\"FileMd5\":\"" + md5 + "\"}"});
        fields.add(new String[] {"webwx_data_ticket", ticket});
        fields.add(new String[] {"pass_ticket", "undefined"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] field : fields) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private JsonNode postUpload(byte[] body) {
        return client.postBytes("file.wx.qq.com", WebLogin.CGI + "webwxuploadmedia?f=json", body,
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "Cookie", login.cookieHeader()).json();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
