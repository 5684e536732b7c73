package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every message kind of PROTOCOL.md 9 sent from the phone side, as a plain HTTP client receives it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneMessagesConformanceTest {
    private static final List<String> MESSAGE_FIELDS = List.of("MsgId", "FromUserName", "ToUserName", "MsgType", "Content",
            "Status", "ImgStatus", "CreateTime", "VoiceLength", "PlayLength", "FileName", "FileSize", "MediaId", "Url",
            "AppMsgType", "StatusNotifyCode", "StatusNotifyUserName", "RecommendInfo", "ForwardFlag", "AppInfo",
            "HasProductId", "Ticket", "ImgHeight", "ImgWidth", "SubMsgType", "NewMsgId", "OriContent", "EncryFileName");

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact group;
    private WebLogin login;
    private JsonNode syncKey;
    private String self;

    @BeforeAll
    void start() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addStranger("Bob");
        group = bot.addGroup("Team", alice, bob);
        login = WebLogin.perform(emulator, client, bot);
        JsonNode init = login.init(client);
        syncKey = init.path("SyncKey");
        self = init.path("User").path("UserName").asText();
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @BeforeEach
    void drain() {
        sync();
    }

    private JsonNode sync() {
        JsonNode response = login.sync(client, syncKey).json();
        assertEquals(0, response.path("BaseResponse").path("Ret").asInt());
        syncKey = response.path("SyncKey");
        return response;
    }

    private JsonNode onlyMessage() {
        JsonNode list = sync().path("AddMsgList");
        assertEquals(1, list.size(), list.toString());
        JsonNode message = list.get(0);
        assertEquals(MESSAGE_FIELDS, fieldNames(message));
        assertTrue(message.path("MsgId").isTextual());
        assertTrue(message.path("NewMsgId").isIntegralNumber());
        assertEquals(message.path("MsgId").asText(), message.path("NewMsgId").bigIntegerValue().toString());
        assertTrue(message.path("FileSize").isTextual());
        return message;
    }

    private String selector() {
        String text = login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text();
        return text.replaceAll(".*selector:\"(\\d+)\".*", "$1");
    }

    private static String unescape(String content) {
        return content.replace("<br/>", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private static Document xml(String content) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(unescape(content).trim().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + content, e);
        }
    }

    private WireClient.Response download(String host, String pathAndQuery, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Cookie";
        all[headers.length + 1] = login.cookieHeader();
        return client.get(host, CGI + pathAndQuery, all);
    }

    private String skey() {
        return URLEncoder.encode(login.skey, StandardCharsets.UTF_8);
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    void textIsEscapedWithLineBreaksAndEmojiSpans() {
        String msgId = alice.send(MessageBody.text("a < b & \"c\"\nnext \uD83D\uDE04"));
        JsonNode message = onlyMessage();
        assertEquals(msgId, message.path("MsgId").asText());
        assertEquals(alice.userName(), message.path("FromUserName").asText());
        assertEquals(self, message.path("ToUserName").asText());
        assertEquals("a &lt; b &amp; \"c\"<br/>next <span class=\"emoji emoji1f604\"></span>", message.path("Content").asText());
        assertEquals(1, message.path("MsgType").asInt());
        assertEquals(3, message.path("Status").asInt());
    }

    @Test
    void groupMentionUsesSenderPrefixAndFourPerEmSpace() {
        bob.sendIn(group, MessageBody.mention("look", "Bot"));
        JsonNode message = onlyMessage();
        assertEquals(group.userName(), message.path("FromUserName").asText());
        assertEquals(bob.userName() + ":<br/>@Bot\u2005look", message.path("Content").asText());
    }

    @Test
    void imageCarriesItsThumbnailsSizeAndDownloadsWithThumbnail() throws IOException {
        byte[] picture = jpeg(300, 200);
        alice.send(MessageBody.image(picture));
        JsonNode message = onlyMessage();
        assertEquals(3, message.path("MsgType").asInt());
        assertEquals(2, message.path("ImgStatus").asInt());
        // The thumbnail's size, at most 120 px (corpus addmsg/itchat4j-readme-type3: 90×120).
        assertEquals(120, message.path("ImgWidth").asInt());
        assertEquals(80, message.path("ImgHeight").asInt());
        assertEquals(Integer.toString(picture.length), xml(message.path("Content").asText()).getDocumentElement()
                .getElementsByTagName("img").item(0).getAttributes().getNamedItem("length").getNodeValue());

        WireClient.Response full = download("wx.qq.com", "webwxgetmsgimg?&MsgID=" + message.path("MsgId").asText()
                + "&skey=" + skey() + "&type=big");
        assertEquals(200, full.status());
        assertEquals("image/jpeg", full.contentType());
        assertEquals("max-age=604800", full.headers().firstValue("Cache-control").orElse(null));
        assertArrayEquals(picture, full.body());
        WireClient.Response thumb = download("wx.qq.com", "webwxgetmsgimg?msgid=" + message.path("MsgId").asText()
                + "&skey=" + skey() + "&type=slave");
        assertEquals(200, thumb.status());
        assertFalse(Arrays.equals(picture, thumb.body()));
        assertEquals((byte) 0xFF, thumb.body()[0]);
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals(message.path("ImgWidth").asInt(), served.getWidth(), "ImgWidth is the served thumbnail's");
        assertEquals(message.path("ImgHeight").asInt(), served.getHeight());
        assertEquals(404, download("wx.qq.com", "webwxgetmsgimg?MsgID=1&skey=" + skey()).status());
    }

    @Test
    void voiceHasLengthInMillisecondsAndDownloadsAsMp3() {
        byte[] mp3 = "ID3-voice".getBytes(StandardCharsets.US_ASCII);
        alice.send(MessageBody.voice(mp3, 2112));
        JsonNode message = onlyMessage();
        assertEquals(34, message.path("MsgType").asInt());
        assertEquals(2112, message.path("VoiceLength").asInt());
        assertTrue(unescape(message.path("Content").asText()).contains("voicelength=\"2112\""));
        WireClient.Response voice = download("wx.qq.com", "webwxgetvoice?msgid=" + message.path("MsgId").asText() + "&skey=" + skey());
        assertEquals("audio/mp3", voice.contentType());
        assertArrayEquals(mp3, voice.body());
    }

    @Test
    void videoNeedsRangeAndAnswers206() {
        byte[] mp4 = new byte[1000];
        Arrays.fill(mp4, (byte) 7);
        bob.sendIn(group, MessageBody.video(mp4, 10));
        JsonNode message = onlyMessage();
        assertEquals(43, message.path("MsgType").asInt());
        assertEquals(10, message.path("PlayLength").asInt());
        assertTrue(message.path("Content").asText().startsWith(bob.userName() + ":<br/>"));
        String id = message.path("MsgId").asText();
        WireClient.Response ranged = download("wx.qq.com", "webwxgetvideo?msgid=" + id + "&skey=" + skey(), "Range", "bytes=0-");
        assertEquals(206, ranged.status());
        assertEquals("video/mp4", ranged.contentType());
        assertEquals("bytes 0-999/1000", ranged.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(mp4, ranged.body());
        WireClient.Response unranged = download("wx.qq.com", "webwxgetvideo?msgid=" + id + "&skey=" + skey());
        assertEquals(200, unranged.status());
        assertEquals(0, unranged.body().length);
        assertEquals(416, download("wx.qq.com", "webwxgetvideo?msgid=" + id + "&skey=" + skey(), "Range", "bytes=5000-").status());
        assertEquals(200, download("wx.qq.com", "webwxgetmsgimg?MsgID=" + id + "&skey=" + skey() + "&type=slave").status());
    }

    @Test
    void fileCarriesNameSizeMediaIdAndDownloadsFromFileHost() {
        byte[] bytes = "hello file".getBytes(StandardCharsets.UTF_8);
        alice.send(MessageBody.file("my_report.pdf", bytes));
        JsonNode message = onlyMessage();
        assertEquals(49, message.path("MsgType").asInt());
        assertEquals(6, message.path("AppMsgType").asInt());
        assertEquals("my_report.pdf", message.path("FileName").asText());
        assertEquals("10", message.path("FileSize").asText());
        assertEquals("my%5Freport%2Epdf", message.path("EncryFileName").asText());
        String mediaId = message.path("MediaId").asText();
        assertTrue(mediaId.startsWith("@crypt_"), mediaId);
        Document xml = xml(message.path("Content").asText());
        assertEquals("6", xml.getElementsByTagName("type").item(0).getTextContent());
        assertEquals("10", xml.getElementsByTagName("totallen").item(0).getTextContent());
        assertEquals("pdf", xml.getElementsByTagName("fileext").item(0).getTextContent());

        WireClient.Response file = download("file.wx.qq.com", "webwxgetmedia?sender=" + alice.userName() + "&mediaid="
                + URLEncoder.encode(mediaId, StandardCharsets.UTF_8) + "&encryfilename=my%255Freport%252Epdf&fromuser="
                + login.uin + "&pass_ticket=undefined&webwx_data_ticket=x");
        assertEquals(200, file.status());
        assertArrayEquals(bytes, file.body());
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    }

    @Test
    void cardNamesTheSubjectInRecommendInfo() {
        Contact carol = bot.addFriend("Carol");
        sync(); // the new friend's own news (ModContactList and its 10000 line: ContactChangesConformanceTest)
        alice.send(MessageBody.card(carol));
        JsonNode message = onlyMessage();
        assertEquals(42, message.path("MsgType").asInt());
        JsonNode info = message.path("RecommendInfo");
        assertEquals(carol.userName(), info.path("UserName").asText());
        assertEquals("Carol", info.path("NickName").asText());
        assertEquals(17, info.path("Scene").asInt());
        assertTrue(info.path("QQNum").isIntegralNumber());
        assertEquals(carol.wxid(), xml(message.path("Content").asText()).getDocumentElement().getAttribute("username"));
    }

    @Test
    void emoticonCarriesMd5AndDownloadsAsBig() {
        byte[] gif = "GIF89a-sticker".getBytes(StandardCharsets.US_ASCII);
        alice.send(MessageBody.emoticon(gif, 80, 80));
        JsonNode message = onlyMessage();
        assertEquals(47, message.path("MsgType").asInt());
        assertEquals(2, message.path("ImgStatus").asInt());
        String md5 = ((org.w3c.dom.Element) xml(message.path("Content").asText()).getElementsByTagName("emoji").item(0))
                .getAttribute("md5");
        assertEquals(32, md5.length());
        assertArrayEquals(gif, download("wx.qq.com", "webwxgetmsgimg?MsgID=" + message.path("MsgId").asText()
                + "&skey=" + skey() + "&type=big").body());
    }

    @Test
    void locationIsTextWithSubMsgType48() {
        alice.send(MessageBody.location("Shenzhen <Nanshan>", 22.54, 113.93));
        JsonNode message = onlyMessage();
        assertEquals(1, message.path("MsgType").asInt());
        assertEquals(48, message.path("SubMsgType").asInt());
        assertEquals("http://apis.map.qq.com/uri/v1/geocoder?coord=22.540000,113.930000", message.path("Url").asText());
        assertTrue(message.path("Content").asText().startsWith("Shenzhen &lt;Nanshan&gt;:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?"));
        assertTrue(message.path("Content").asText().endsWith("&pictype=location"));
        String ori = message.path("OriContent").asText();
        assertTrue(ori.startsWith("<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"22.540000\" y=\"113.930000\""), ori);
    }

    @Test
    void appMessagesCarryTheirAppMsgTypeAndWellFormedXml() {
        alice.send(MessageBody.link("Title & more", "desc", "https://example.com/a?b=1&c=2"));
        alice.send(MessageBody.music("Song", "Singer", "https://example.com/song", "https://example.com/song.mp3"));
        alice.send(MessageBody.miniProgram("Mini", "wx1234567890", "gh_abc@app", "pages/index?x=1"));
        alice.send(MessageBody.quote("agreed", "1234567890123456789", "Bot", "shall we?"));
        alice.send(MessageBody.transfer("￥0.01", "lunch"));
        JsonNode list = sync().path("AddMsgList");
        assertEquals(5, list.size());
        int[] expected = {5, 3, 33, 57, 2000};
        for (int i = 0; i < expected.length; i++) {
            JsonNode message = list.get(i);
            assertEquals(MESSAGE_FIELDS, fieldNames(message));
            assertEquals(49, message.path("MsgType").asInt());
            assertEquals(expected[i], message.path("AppMsgType").asInt());
            Document xml = xml(message.path("Content").asText());
            assertEquals(Integer.toString(expected[i]), xml.getElementsByTagName("type").item(0).getTextContent());
        }
        assertEquals("Title & more", list.get(0).path("FileName").asText());
        assertEquals("https://example.com/a?b=1&c=2", list.get(0).path("Url").asText());
        assertEquals("https://example.com/song.mp3", xml(list.get(1).path("Content").asText())
                .getElementsByTagName("dataurl").item(0).getTextContent());
        assertEquals("wx1234567890", list.get(2).path("AppInfo").path("AppID").asText());
        assertEquals("1234567890123456789", xml(list.get(3).path("Content").asText())
                .getElementsByTagName("svrid").item(0).getTextContent());
        assertEquals("微信转账", list.get(4).path("FileName").asText());
        assertEquals("lunch", xml(list.get(4).path("Content").asText()).getElementsByTagName("pay_memo").item(0).getTextContent());
    }

    @Test
    void systemNoticesHaveStatus4ButTheRedPacketLine3AndNoPrefixInGroups() {
        alice.send(MessageBody.redPacketNotice());
        JsonNode red = onlyMessage();
        assertEquals(10000, red.path("MsgType").asInt());
        // corpus addmsg/unresolved-8576586035-type10000-hongbao says Status 3 for this line.
        assertEquals(3, red.path("Status").asInt());
        assertEquals("收到红包，请在手机上查看", red.path("Content").asText());
        bot.systemNotice(group, "位置共享已经结束");
        JsonNode inGroup = onlyMessage();
        assertEquals(4, inGroup.path("Status").asInt());
        assertEquals(group.userName(), inGroup.path("FromUserName").asText());
        assertEquals("位置共享已经结束", inGroup.path("Content").asText());
    }

    @Test
    void friendRequestThenAcceptOnThePhone() {
        Contact dave = bot.receiveFriendRequest("Dave", "Hi, I'm Dave");
        assertEquals("2", selector());
        JsonNode request = onlyMessage();
        assertEquals("fmessage", request.path("FromUserName").asText());
        assertEquals(37, request.path("MsgType").asInt());
        JsonNode info = request.path("RecommendInfo");
        assertEquals(dave.userName(), info.path("UserName").asText());
        assertEquals("Hi, I'm Dave", info.path("Content").asText());
        assertTrue(info.path("Ticket").asText().matches("v2_[0-9a-f]+@stranger"));
        assertEquals(2, info.path("OpCode").asInt());
        assertEquals(info.path("Ticket").asText(), xml(request.path("Content").asText()).getDocumentElement().getAttribute("ticket"));
        assertEquals(ContactKind.STRANGER, dave.kind());

        bot.phone().acceptFriendRequest(dave);
        assertEquals(ContactKind.FRIEND, dave.kind());
        assertEquals("6", selector());
        JsonNode response = sync();
        assertEquals(1, response.path("ModContactCount").asInt());
        JsonNode mod = response.path("ModContactList").get(0);
        assertEquals(dave.userName(), mod.path("UserName").asText());
        assertEquals(3, mod.path("ContactFlag").asInt());
        assertTrue(mod.has("ChatRoomOwner") && mod.has("HeadImgUpdateFlag") && mod.has("ContactType"));
        JsonNode notice = response.path("AddMsgList").get(0);
        assertEquals(10000, notice.path("MsgType").asInt());
        assertEquals("你已添加了Dave，现在可以开始聊天了。", notice.path("Content").asText());
    }

    @Test
    void revokeNamesTheWithdrawnMessage() {
        String msgId = alice.send(MessageBody.text("oops"));
        alice.revoke(msgId);
        JsonNode list = sync().path("AddMsgList");
        assertEquals(2, list.size());
        JsonNode revoke = list.get(1);
        assertEquals(10002, revoke.path("MsgType").asInt());
        assertEquals(4, revoke.path("Status").asInt());
        Document xml = xml(revoke.path("Content").asText());
        assertEquals("revokemsg", xml.getDocumentElement().getAttribute("type"));
        assertEquals(msgId, xml.getElementsByTagName("msgid").item(0).getTextContent());
        assertEquals(alice.wxid(), xml.getElementsByTagName("session").item(0).getTextContent());
        assertEquals("\"Alice\" 撤回了一条消息", xml.getElementsByTagName("replacemsg").item(0).getTextContent());
        assertThrows(IllegalArgumentException.class, () -> bob.revoke(msgId));

        String mine = bot.phone().send(group, MessageBody.text("mine"));
        bot.phone().revoke(mine);
        JsonNode own = sync().path("AddMsgList").get(1);
        assertEquals(self, own.path("FromUserName").asText());
        assertEquals(group.userName(), own.path("ToUserName").asText());
        assertTrue(unescape(own.path("Content").asText()).contains("你撤回了一条消息"));
    }

    @Test
    void groupJoinLeaveAndRenameUpdateTheGroupAndSayIt() {
        Contact erin = bot.addStranger("Erin");
        group.addMember(erin, alice);
        group.addMember(bot.addStranger("Fay"), null);
        group.removeMember(erin, null);
        group.renameGroup("Team 2", bob);
        JsonNode response = sync();
        List<String> texts = new ArrayList<>();
        response.path("AddMsgList").forEach(m -> {
            assertEquals(10000, m.path("MsgType").asInt());
            assertEquals(group.userName(), m.path("FromUserName").asText());
            texts.add(m.path("Content").asText());
        });
        assertEquals(List.of("\"Alice\"邀请\"Erin\"加入了群聊", "你邀请\"Fay\"加入了群聊  ", "你将\"Erin\"移出了群聊",
                "\"Bob\"修改群名为“Team 2”"), texts);
        JsonNode mods = response.path("ModContactList");
        assertEquals(4, mods.size());
        // MemberCount counts the account itself too.
        assertEquals(4, mods.get(0).path("MemberCount").asInt());
        assertEquals(5, mods.get(1).path("MemberCount").asInt());
        assertEquals(4, mods.get(2).path("MemberCount").asInt());
        assertEquals("Team 2", mods.get(3).path("NickName").asText());
        assertEquals(alice.userName(), mods.get(3).path("ChatRoomOwner").asText());
        group.renameGroup("Team", null);
        sync();
    }

    @Test
    void contactModificationAndDeletion() {
        Contact gus = bot.addFriend("Gus");
        sync(); // the new friend's own news (ModContactList and its 10000 line: ContactChangesConformanceTest)
        gus.modify("Gustav", "G");
        assertEquals("4", selector());
        JsonNode mod = sync().path("ModContactList").get(0);
        assertEquals("Gustav", mod.path("NickName").asText());
        assertEquals("G", mod.path("RemarkName").asText());
        String userName = gus.userName();
        bot.deleteContact(gus);
        assertEquals("6", selector());
        JsonNode response = sync();
        assertEquals(1, response.path("DelContactCount").asInt());
        assertEquals(userName, response.path("DelContactList").get(0).path("UserName").asText());
        assertEquals(0, response.path("DelContactList").get(0).path("ContactFlag").asInt());
        assertFalse(bot.contacts().contains(gus));
    }

    @Test
    void phoneSendsMediaAsSelfWithoutPrefix() {
        bot.phone().send(group, MessageBody.image(jpeg(10, 10)));
        JsonNode message = onlyMessage();
        assertEquals(self, message.path("FromUserName").asText());
        assertEquals(group.userName(), message.path("ToUserName").asText());
        assertTrue(message.path("Content").asText().startsWith("&lt;?xml"));
        assertEquals("[image]", bot.conversation().getLast().text());
        assertEquals(Direction.OUTGOING, bot.conversation().getLast().direction());
    }

    @Test
    void rawCapturesAreReplayedWithSessionNames() throws IOException {
        String sticker = resource("corpus/wwdk-receive-type47.json");
        String id = bot.injectRawMessage(sticker, group);
        JsonNode message = onlyMessage();
        assertEquals(id, message.path("MsgId").asText());
        assertEquals(group.userName(), message.path("FromUserName").asText());
        assertEquals(self, message.path("ToUserName").asText());
        assertTrue(message.path("Content").asText().startsWith(alice.userName() + ":<br/>&lt;msg&gt;&lt;emoji"));
        assertEquals(67000000000000000L, message.path("NewMsgId").asLong());

        bot.injectRawMessage(resource("corpus/puppet-wechat-puppeteer-message-L73-type1.json"));
        JsonNode text = sync().path("AddMsgList").get(0);
        assertFalse(text.has("MMDigest") || text.has("LocalID") || text.has("ClientMsgId"));
        assertEquals(self, text.path("ToUserName").asText());
        assertThrows(IllegalArgumentException.class, () -> bot.injectRawMessage("[1]"));
    }

    @Test
    void controlApiSendsAnyKindAndReplaysCaptures() {
        String base = "/__emulator/accounts/" + bot.uin();
        byte[] picture = jpeg(20, 30);
        JsonNode sent = client.post("localhost", base + "/contacts/" + bob.wxid() + "/message", "{\"Kind\":\"image\",\"Group\":\""
                + group.wxid() + "\",\"Base64\":\"" + java.util.Base64.getEncoder().encodeToString(picture) + "\"}").json();
        JsonNode message = onlyMessage();
        assertEquals(sent.path("MsgId").asText(), message.path("MsgId").asText());
        assertEquals(20, message.path("ImgWidth").asInt());
        assertArrayEquals(picture, download("wx.qq.com", "webwxgetmsgimg?MsgID=" + message.path("MsgId").asText()
                + "&skey=" + skey()).body());

        assertEquals(200, client.post("localhost", base + "/phone/message", "{\"To\":\"" + alice.wxid()
                + "\",\"Kind\":\"location\",\"Label\":\"Here\",\"Latitude\":1.5,\"Longitude\":2}").status());
        assertEquals(48, onlyMessage().path("SubMsgType").asInt());
        assertEquals(200, client.post("localhost", base + "/inject", "{\"Message\":{\"MsgId\":\"5\",\"FromUserName\":\"@x\","
                + "\"ToUserName\":\"@y\",\"MsgType\":10000,\"Content\":\"hi\"},\"From\":\"" + alice.wxid() + "\"}").status());
        assertEquals(alice.userName(), onlyMessageLoose().path("FromUserName").asText());
        assertEquals(400, client.post("localhost", base + "/contacts/" + alice.wxid() + "/message", "{\"Kind\":\"nope\"}").status());
        assertEquals(400, client.post("localhost", base + "/contacts/" + alice.wxid() + "/message",
                "{\"Kind\":\"image\",\"Base64\":\"***\"}").status());
        JsonNode request = client.post("localhost", base + "/friend-requests", "{\"NickName\":\"Hal\",\"Greeting\":\"hey\"}").json();
        assertNotNull(request.path("Id").asText(null));
        assertEquals(37, onlyMessage().path("MsgType").asInt());
    }

    private JsonNode onlyMessageLoose() {
        JsonNode list = sync().path("AddMsgList");
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PhoneMessagesConformanceTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
