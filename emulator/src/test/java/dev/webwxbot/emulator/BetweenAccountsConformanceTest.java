package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two accounts of one emulator, each with a web client over plain HTTP: what one sends to the other (as a friend, or
 * in a group both are in) reaches the other's sync as an incoming message, as the real server carries it.
 */
class BetweenAccountsConformanceTest {
    private static final String BOUNDARY = "----WebKitFormBoundaryBetweenAccounts";

    private Emulator emulator;
    private WireClient client;
    private Account ann;
    private Account ben;
    private Side annSide;
    private Side benSide;

    /** One account's web client: its login, its own UserName and where its sync stands. */
    private final class Side {
        final WebLogin login;
        final String self;
        JsonNode syncKey;

        Side(Account account) {
            login = WebLogin.perform(emulator, client, account);
            JsonNode init = login.init(client);
            self = init.path("User").path("UserName").asText();
            syncKey = init.path("SyncKey");
        }

        JsonNode sync() {
            JsonNode answer = login.sync(client, syncKey).json();
            assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());
            syncKey = answer.path("SyncKey");
            return answer;
        }

        /** The messages of the next sync (contact changes of befriending are skipped). */
        List<JsonNode> messages() {
            List<JsonNode> out = new ArrayList<>();
            sync().path("AddMsgList").forEach(out::add);
            return out;
        }

        JsonNode send(String endpointAndQuery, String to, String msgFields) {
            return login.postJson(client, endpointAndQuery + (endpointAndQuery.contains("?") ? "&" : "?")
                    + "lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(), "{\"BaseRequest\":"
                    + login.baseRequest() + ",\"Msg\":{" + msgFields + ",\"FromUserName\":\"" + self
                    + "\",\"ToUserName\":\"" + to + "\",\"LocalID\":\"17000001234560417\","
                    + "\"ClientMsgId\":\"17000001234560417\"},\"Scene\":0}").json();
        }

        String sendText(String to, String text) {
            JsonNode answer = send("webwxsendmsg", to, "\"Type\":1,\"Content\":\"" + text + "\"");
            assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());
            return answer.path("MsgID").asText();
        }
    }

    private void start(Emulator.Builder builder, boolean friends) {
        emulator = builder.loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300)).start();
        client = new WireClient(emulator);
        ann = emulator.addAccount("Ann");
        ben = emulator.addAccount("Ben");
        if (friends) {
            emulator.befriend(ann, ben);
        }
        annSide = new Side(ann);
        benSide = new Side(ben);
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aTextToAFriendWhoIsAnAccountReachesThatAccountsSyncOnceFromTheSenderAsItKnowsThem() {
        start(Emulator.builder(), true);
        String benInAnn = ann.contactFor(ben).orElseThrow().userName();
        String annInBen = ben.contactFor(ann).orElseThrow().userName();

        String msgId = annSide.sendText(benInAnn, "hello Ben & co");

        List<JsonNode> received = benSide.messages();
        assertEquals(1, received.size(), received.toString());
        JsonNode message = received.getFirst();
        assertEquals(annInBen, message.path("FromUserName").asText());
        assertEquals(benSide.self, message.path("ToUserName").asText());
        assertEquals(1, message.path("MsgType").asInt());
        assertEquals("hello Ben &amp; co", message.path("Content").asText(), "escaped as every received text (9.2)");
        assertNotEquals(msgId, message.path("MsgId").asText(), "the receiver's copy has its own MsgId");
        assertEquals(message.path("MsgId").asText(), Long.toString(message.path("NewMsgId").asLong()));
        assertEquals(0, benSide.messages().size(), "delivered once");

        List<JsonNode> echoed = annSide.messages();
        assertEquals(1, echoed.size(), "the sender gets only its echo: " + echoed);
        assertEquals(annSide.self, echoed.getFirst().path("FromUserName").asText());
        assertEquals(benInAnn, echoed.getFirst().path("ToUserName").asText());
        assertEquals(msgId, echoed.getFirst().path("MsgId").asText());

        ConversationLine line = ben.conversation().getLast();
        assertEquals(Direction.INCOMING, line.direction());
        assertEquals("Ann", line.from());
        assertEquals("hello Ben & co", line.text());
        assertEquals(List.of(), ben.sentMessages(), "the receiver's client sent nothing");
    }

    @Test
    void theReceiverAnswersBackTheSameWay() {
        start(Emulator.builder(), true);
        annSide.sendText(ann.contactFor(ben).orElseThrow().userName(), "ping");
        JsonNode ping = benSide.messages().getFirst();
        annSide.messages();

        benSide.sendText(ping.path("FromUserName").asText(), "pong");

        JsonNode pong = annSide.messages().getFirst();
        assertEquals(ann.contactFor(ben).orElseThrow().userName(), pong.path("FromUserName").asText());
        assertEquals(annSide.self, pong.path("ToUserName").asText());
        assertEquals("pong", pong.path("Content").asText());
    }

    @Test
    void aRevokeFromTheWebWithdrawsTheReceiversCopyToo() {
        start(Emulator.builder(), true);
        String benInAnn = ann.contactFor(ben).orElseThrow().userName();
        String sent = annSide.sendText(benInAnn, "oops");
        String copy = benSide.messages().getFirst().path("MsgId").asText();

        JsonNode answer = annSide.login.postJson(client, "webwxrevokemsg?lang=zh_CN&pass_ticket="
                + annSide.login.doubleEncodedPassTicket(), "{\"BaseRequest\":" + annSide.login.baseRequest()
                + ",\"SvrMsgId\":\"" + sent + "\",\"ToUserName\":\"" + benInAnn
                + "\",\"ClientMsgId\":\"17000001234560418\"}").json();
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());

        JsonNode notice = benSide.messages().getFirst();
        assertEquals(10002, notice.path("MsgType").asInt());
        assertEquals(ben.contactFor(ann).orElseThrow().userName(), notice.path("FromUserName").asText());
        assertTrue(notice.path("Content").asText().contains("&lt;msgid&gt;" + copy + "&lt;/msgid&gt;"),
                notice.path("Content").asText());
    }

    @Test
    void aSendToAContactThatIsNoAccountIsOnlyRecordedAndEchoedAsBefore() {
        start(Emulator.builder(), true);
        Contact alice = ann.addFriend("Alice");
        annSide.messages(); // Alice's ModContactList and "added you" line

        annSide.sendText(alice.userName(), "hi Alice");

        assertEquals(1, annSide.messages().size(), "the echo only");
        assertEquals(List.of(), benSide.messages());
        assertEquals("hi Alice", ann.sentMessages().getLast().content());
    }

    @Test
    void accountsThatAreNotFriendsHearNothingOfEachOther() {
        start(Emulator.builder(), false);
        Contact benLookalike = ann.addFriend("Ben");
        annSide.messages();

        annSide.sendText(benLookalike.userName(), "hello");

        assertEquals(List.of(), benSide.messages(), "a friend named like an account is not that account");
        assertTrue(ann.contactFor(ben).isEmpty());
    }

    @Test
    void afterTheReceiverDeletesTheSenderNothingMoreArrives() {
        start(Emulator.builder(), true);
        ben.deleteContact(ben.contactFor(ann).orElseThrow());
        benSide.sync();

        annSide.sendText(ann.contactFor(ben).orElseThrow().userName(), "still there?");

        assertEquals(List.of(), benSide.messages());
    }

    @Test
    void befriendingOnlineAccountsTellsBothSessionsAsAnyNewFriend() {
        start(Emulator.builder(), false);

        Contact benInAnn = emulator.befriend(ann, ben);

        JsonNode annSync = annSide.sync();
        assertEquals(benInAnn.userName(), annSync.path("ModContactList").path(0).path("UserName").asText());
        assertEquals("Ben", annSync.path("ModContactList").path(0).path("NickName").asText());
        assertEquals("Ben刚刚把你添加到通讯录，现在可以开始聊天了。",
                annSync.path("AddMsgList").path(0).path("Content").asText());
        assertEquals("Ann", benSide.sync().path("ModContactList").path(0).path("NickName").asText());
        assertEquals(ben.wxid(), benInAnn.wxid(), "an account's permanent id links the two address books");
        assertEquals(benInAnn, emulator.befriend(ann, ben), "befriending again keeps the contacts");
        assertThrows(IllegalArgumentException.class, () -> emulator.befriend(ann, ann));
    }

    @Test
    void withEchoesOffTheReceiverStillGetsTheMessageAndTheSenderNothing() {
        start(Emulator.builder().echoWebSentMessages(false), true);

        annSide.sendText(ann.contactFor(ben).orElseThrow().userName(), "no echo");

        assertEquals(List.of(), annSide.messages());
        assertEquals("no echo", benSide.messages().getFirst().path("Content").asText());
    }

    @Test
    void anImageReachesTheReceiverWhoCanDownloadIt() throws Exception {
        start(Emulator.builder(), true);
        byte[] picture = pngBytes();
        String mediaId = upload(annSide, picture);
        String benInAnn = ann.contactFor(ben).orElseThrow().userName();

        JsonNode answer = annSide.send("webwxsendmsgimg?fun=async&f=json", benInAnn,
                "\"Type\":3,\"MediaId\":\"" + mediaId + "\",\"Content\":\"\"");
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());

        JsonNode image = benSide.messages().getFirst();
        assertEquals(3, image.path("MsgType").asInt());
        assertEquals(ben.contactFor(ann).orElseThrow().userName(), image.path("FromUserName").asText());
        WireClient.Response download = client.get(benSide.login.apiHost, WebLogin.CGI + "webwxgetmsgimg?MsgID="
                + image.path("MsgId").asText() + "&skey=" + java.net.URLEncoder.encode(benSide.login.skey,
                StandardCharsets.UTF_8), "Cookie", benSide.login.cookieHeader());
        assertEquals(200, download.status());
        assertArrayEquals(picture, download.body());
    }

    @Test
    void aTextInAGroupOfTwoAccountsReachesTheOtherFromTheGroupWithTheSendersPrefix() {
        start(Emulator.builder(), false);
        List<Contact> copies = emulator.addGroup("Both of us", ann, ben);
        annSide.sync();
        benSide.sync();
        assertEquals(copies.get(0).wxid(), copies.get(1).wxid(), "one chatroom id in both address books");
        String annInBen = ben.contactFor(ann).orElseThrow().userName();

        annSide.sendText(copies.get(0).userName(), "hi all");

        JsonNode message = benSide.messages().getFirst();
        assertEquals(copies.get(1).userName(), message.path("FromUserName").asText());
        assertEquals(benSide.self, message.path("ToUserName").asText());
        assertEquals(annInBen + ":<br/>hi all", message.path("Content").asText());
        assertEquals(1, annSide.messages().size(), "the sender gets its echo only");
    }

    @Test
    void accountsMetInAGroupCanBefriendEachOtherThere() {
        start(Emulator.builder(), false);
        emulator.addGroup("Both of us", ann, ben);
        Contact annInBen = ben.contactFor(ann).orElseThrow();
        assertEquals(ContactKind.STRANGER, annInBen.kind());

        assertEquals(ann.contactFor(ben).orElseThrow(), emulator.befriend(ann, ben));

        assertEquals(ContactKind.FRIEND, annInBen.kind(), "the stranger of the group became the friend");
        annSide.sync();
        benSide.sync();
        annSide.sendText(ann.contactFor(ben).orElseThrow().userName(), "now friends");
        assertEquals(annInBen.userName(), benSide.messages().getFirst().path("FromUserName").asText());
    }

    @Test
    void aCardOfTheSendersFriendReachesTheReceiverAsACardOfAContactItKnows() {
        start(Emulator.builder(), true);
        Contact alice = ann.addFriend("Alice");
        annSide.sync();
        benSide.sync();

        JsonNode answer = annSide.send("webwxsendmsg", ann.contactFor(ben).orElseThrow().userName(),
                "\"Type\":42,\"Content\":\"<msg username=\\\"" + alice.wxid()
                        + "\\\" nickname=\\\"Alice\\\"/>\"");
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());

        JsonNode card = benSide.messages().getFirst();
        assertEquals(42, card.path("MsgType").asInt());
        Contact aliceInBen = ben.contacts().stream().filter(c -> c.wxid().equals(alice.wxid())).findFirst()
                .orElseThrow();
        assertEquals(ContactKind.STRANGER, aliceInBen.kind(), "Ben does not know Alice: a stranger stands for her");
        assertEquals(aliceInBen.userName(), card.path("RecommendInfo").path("UserName").asText());
        assertEquals("Alice", card.path("RecommendInfo").path("NickName").asText());
    }

    @Test
    void anAccountRemovedFromItsCopyOfTheGroupHearsNothingMore() {
        start(Emulator.builder(), false);
        List<Contact> copies = emulator.addGroup("Both of us", ann, ben);
        Contact annInBen = ben.contactFor(ann).orElseThrow();
        copies.get(1).removeAccount(annInBen);
        benSide.sync();

        annSide.sendText(copies.get(0).userName(), "anyone?");

        assertEquals(List.of(), benSide.messages());
    }

    private String upload(Side side, byte[] data) throws Exception {
        List<String[]> fields = List.of(new String[] {"id", "WU_FILE_0"}, new String[] {"name", "p.png"},
                new String[] {"type", "image/png"}, new String[] {"size", Integer.toString(data.length)},
                new String[] {"mediatype", "pic"},
                new String[] {"uploadmediarequest", "{\"UploadType\":2,\"BaseRequest\":" + side.login.baseRequest()
                        + ",\"ClientMediaId\":1700000000123,\"TotalLen\":" + data.length + ",\"StartPos\":0,"
                        + "\"DataLen\":" + data.length + ",\"MediaType\":4,\"FromUserName\":\"" + side.self
                        + "\",\"ToUserName\":\"filehelper\",\"FileMd5\":\""
                        + UploadAndMediaSendConformanceTest.md5(data) + "\"}"},
                new String[] {"webwx_data_ticket", side.login.cookies.get("webwx_data_ticket")},
                new String[] {"pass_ticket", "undefined"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] field : fields) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"p.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = client.postBytes("file.wx.qq.com", WebLogin.CGI + "webwxuploadmedia?f=json",
                out.toByteArray(), "Content-Type", "multipart/form-data; boundary=" + BOUNDARY,
                "Cookie", side.login.cookieHeader()).json();
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());
        return answer.path("MediaId").asText();
    }

    private static byte[] pngBytes() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 3,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
