package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.webwxbot.emulator.UploadAndMediaSendConformanceTest.md5;
import static dev.webwxbot.emulator.UploadAndMediaSendConformanceTest.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forwarding without upload over plain HTTP (PROTOCOL.md 5.1–5.6): an image or video by the received
 * {@code Content} with an empty {@code MediaId}, a location (Type 48) and a card (Type 42) through webwxsendmsg, a
 * file by its received {@code MediaId}; the recipient gets the same media, and what the server holds nothing for is
 * refused with {@code Ret -1}.
 */
class ForwardConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact group;
    private WebLogin login;
    private String self;
    private JsonNode syncKey;

    @BeforeEach
    void logIn() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        group = bot.addGroup("Hikers", alice, bob);
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
    void anImageForwardedByItsContentReachesTheGroupWithTheSameBytes() throws Exception {
        byte[] picture = randomBytes(3_000, 1);
        alice.send(MessageBody.image(picture));
        String content = asWechat4uSendsIt(nextMessage().path("Content").asText());

        JsonNode answer = send("webwxsendmsgimg?fun=async&f=json", group, msg(3, content).put("MediaId", ""));
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());

        SentMessage sent = bot.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.IMAGE, sent.kind());
        assertEquals(group.userName(), sent.toUserName());
        assertTrue(sent.forwarded());
        assertEquals(md5(picture), sent.media().md5());
        assertEquals(picture.length, sent.media().size());
        JsonNode echo = nextMessage();
        assertEquals(answer.path("MsgID").asText(), echo.path("MsgId").asText());
        assertArrayEquals(picture, download("webwxgetmsgimg?&MsgID=" + echo.path("MsgId").asText()),
                "the forwarded picture downloads as the original");
    }

    @Test
    void aVideoForwardedByItsContentKeepsItsBytes() throws Exception {
        byte[] clip = randomBytes(5_000, 2);
        alice.send(MessageBody.video(clip, 7));
        String content = asWechat4uSendsIt(nextMessage().path("Content").asText());

        JsonNode answer = send("webwxsendvideomsg?fun=async&f=json", group, msg(43, content).put("MediaId", ""));
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());
        SentMessage sent = bot.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.VIDEO, sent.kind());
        assertEquals(md5(clip), sent.media().md5());
        JsonNode echo = nextMessage();
        assertEquals(43, echo.path("MsgType").asInt());
        assertEquals(7, echo.path("PlayLength").asInt());
    }

    @Test
    void contentNamingNoMediaOfTheAccountIsRefused() throws Exception {
        alice.send(MessageBody.image(randomBytes(1_000, 3)));
        String content = asWechat4uSendsIt(nextMessage().path("Content").asText());
        String otherKey = content.replaceFirst("cdnmidimgurl=\"[0-9a-f]", "cdnmidimgurl=\"x");

        assertEquals(-1, ret(send("webwxsendmsgimg?fun=async&f=json", group, msg(3, otherKey).put("MediaId", ""))));
        assertEquals(-1, ret(send("webwxsendmsgimg?fun=async&f=json", group, msg(3, "not xml").put("MediaId", ""))));
        // An image's keys do not name a video.
        assertEquals(-1, ret(send("webwxsendvideomsg?fun=async&f=json", group, msg(43, content).put("MediaId", ""))));
        assertTrue(bot.sentMessages().isEmpty());
    }

    @Test
    void aFileIsForwardedByItsReceivedMediaIdAndAnUnknownAttachIdIsRefused() throws Exception {
        byte[] report = randomBytes(4_000, 4);
        alice.send(MessageBody.file("report.pdf", report));
        String mediaId = nextMessage().path("MediaId").asText();

        assertEquals(0, ret(send("webwxsendappmsg?fun=async&f=json", group, msg(6, appMsg(mediaId, report.length)))));
        SentMessage sent = bot.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.FILE, sent.kind());
        assertEquals(mediaId, sent.media().mediaId());
        assertEquals(md5(report), sent.media().md5());

        assertEquals(-1, ret(send("webwxsendappmsg?fun=async&f=json", group,
                msg(6, appMsg("@crypt_00000000_unknown", report.length)))));
    }

    @Test
    void aLocationGoesThroughWebwxsendmsgAsType48AndIsEchoedAsALocation() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"22.540000\" y=\"113.930000\" scale=\"16\""
                + " label=\"Nanshan\" maptype=\"0\" poiname=\"[位置]\" poiid=\"\" />\n</msg>\n";
        assertEquals(0, ret(send("webwxsendmsg?", group, msg(48, xml))));
        SentMessage sent = bot.awaitSentMessage(WAIT);
        assertEquals(48, sent.type());
        assertEquals(xml, sent.content());
        JsonNode echo = nextMessage();
        assertEquals(48, echo.path("SubMsgType").asInt());
        assertTrue(echo.path("OriContent").asText().contains("label=\"Nanshan\""), echo.toString());

        assertEquals(-1, ret(send("webwxsendmsg?", group, msg(48, "<msg><location label=\"no place\"/></msg>"))));
    }

    @Test
    void aCardOfAFriendIsSentAsType42AndACardOfANonFriendIsRefused() throws Exception {
        assertEquals(0, ret(send("webwxsendmsg?", group,
                msg(42, "<msg username=\"" + bob.wxid() + "\" nickname=\"Bob\"/>"))));
        assertEquals(42, bot.awaitSentMessage(WAIT).type());
        JsonNode echo = nextMessage();
        assertEquals(42, echo.path("MsgType").asInt());
        assertEquals("Bob", echo.path("RecommendInfo").path("NickName").asText());

        Contact carol = bot.addStranger("Carol");
        assertEquals(-1, ret(send("webwxsendmsg?", group,
                msg(42, "<msg username=\"" + carol.wxid() + "\" nickname=\"Carol\"/>"))));
    }

    @Test
    void theControlApiShowsAForwardsSceneAndMedia() throws Exception {
        byte[] picture = randomBytes(2_000, 5);
        alice.send(MessageBody.image(picture));
        String content = asWechat4uSendsIt(nextMessage().path("Content").asText());
        assertEquals(0, ret(send("webwxsendmsgimg?fun=async&f=json", group, msg(3, content).put("MediaId", ""))));

        JsonNode listed = client.get("localhost", "/__emulator/accounts/" + bot.uin() + "/sent").json().path(0);
        assertEquals("image", listed.path("Kind").asText());
        assertEquals(2, listed.path("Scene").asInt());
        assertEquals(md5(picture), listed.path("Media").path("Md5").asText());
    }

    /** wechat4u's forward: the received content with {@code &lt;}/{@code &gt;} un-escaped (client-notes). */
    private static String asWechat4uSendsIt(String content) {
        return content.replace("&lt;", "<").replace("&gt;", ">");
    }

    private ObjectNode msg(int type, String content) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("Type", type);
        msg.put("Content", content);
        return msg;
    }

    private JsonNode send(String endpointAndQuery, Contact to, ObjectNode msg) throws Exception {
        String localId = "17000001234560417";
        msg.put("FromUserName", self).put("ToUserName", to.userName()).put("LocalID", localId)
                .put("ClientMsgId", localId);
        ObjectNode body = JSON.createObjectNode();
        body.set("BaseRequest", JSON.readTree(login.baseRequest()));
        body.set("Msg", msg);
        body.put("Scene", 2);
        String separator = endpointAndQuery.endsWith("?") ? "" : "&";
        return login.postJson(client, endpointAndQuery + separator + "lang=zh_CN&pass_ticket="
                + login.doubleEncodedPassTicket(), JSON.writeValueAsString(body)).json();
    }

    private static int ret(JsonNode answer) {
        return answer.path("BaseResponse").path("Ret").asInt();
    }

    /** The next message the session syncs, which must be the only one. */
    private JsonNode nextMessage() {
        JsonNode sync = login.sync(client, syncKey).json();
        syncKey = sync.path("SyncKey");
        assertEquals(1, sync.path("AddMsgCount").asInt(), sync.toString());
        return sync.path("AddMsgList").path(0);
    }

    private byte[] download(String endpointAndQuery) {
        return client.get(login.apiHost, WebLogin.CGI + endpointAndQuery + "&skey="
                + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader()).body();
    }

    private static String appMsg(String mediaId, long size) {
        return "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>report.pdf</title><des></des><action></action>"
                + "<type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>" + size
                + "</totallen><attachid>" + mediaId + "</attachid><fileext>pdf</fileext></appattach>"
                + "<extinfo></extinfo></appmsg>";
    }
}
