package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxinit, statusnotify, getcontact, sendmsg, logout and the tolerance checklist (PROTOCOL.md 3, 5, 11.7). */
class SessionApiConformanceTest {
    private static final List<String> CONTACT_FIELDS = List.of("Uin", "UserName", "NickName", "HeadImgUrl", "ContactFlag",
            "MemberCount", "MemberList", "RemarkName", "HideInputBarFlag", "Sex", "Signature", "VerifyFlag", "OwnerUin",
            "PYInitial", "PYQuanPin", "RemarkPYInitial", "RemarkPYQuanPin", "StarFriend", "AppAccountFlag", "Statues",
            "AttrStatus", "Province", "City", "Alias", "SnsFlag", "UniFriend", "DisplayName", "ChatRoomId", "KeyWord",
            "EncryChatRoomId", "IsOwner");
    private static final List<String> USER_FIELDS = List.of("Uin", "UserName", "NickName", "HeadImgUrl", "RemarkName",
            "PYInitial", "PYQuanPin", "RemarkPYInitial", "RemarkPYQuanPin", "HideInputBarFlag", "StarFriend", "Sex",
            "Signature", "AppAccountFlag", "VerifyFlag", "ContactFlag", "WebWxPluginSwitch", "HeadImgFlag", "SnsFlag");

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact news;
    private Contact family;
    private WebLogin login;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1))
                .contactPageSize(2).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        Contact carol = bot.addStranger("Carol");
        news = bot.addOfficialAccount("News");
        family = bot.addGroup("Family", alice, carol);
        login = WebLogin.perform(emulator, client, bot);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void initAnswersEveryFieldWithCapturedTypes() {
        WireClient.Response response = login.postJson(client, "webwxinit?r=-1&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + "}");
        assertEquals("text/plain", response.contentType());
        assertEquals("max-age=31536000 ; includeSubDomains", response.headers().firstValue("Strict-Transport-Security").orElse(null));
        JsonNode init = response.json();
        assertEquals(List.of("BaseResponse", "Count", "ContactList", "SyncKey", "User", "ChatSet", "SKey", "ClientVersion",
                "SystemTime", "GrayScale", "InviteStartCount", "MPSubscribeMsgCount", "MPSubscribeMsgList",
                "ClickReportInterval"), fieldNames(init));
        assertEquals(0, init.path("BaseResponse").path("Ret").asInt());
        assertEquals("", init.path("BaseResponse").path("ErrMsg").asText());
        JsonNode user = init.path("User");
        assertEquals(USER_FIELDS, fieldNames(user));
        assertTrue(user.path("Uin").isNumber());
        assertEquals(bot.uin(), user.path("Uin").asLong());
        assertEquals(bot.userName(), user.path("UserName").asText());
        assertEquals(login.skey, init.path("SKey").asText());
        assertEquals(1, init.path("GrayScale").asInt());
        assertEquals(40, init.path("InviteStartCount").asInt());
        assertEquals(600000, init.path("ClickReportInterval").asInt());
        assertTrue(init.path("SystemTime").isNumber());
        assertEquals(0, init.path("MPSubscribeMsgCount").asInt());

        List<Integer> keys = new ArrayList<>();
        init.path("SyncKey").path("List").forEach(pair -> keys.add(pair.path("Key").asInt()));
        assertEquals(List.of(1, 2, 3, 1000), keys);
        assertEquals(4, init.path("SyncKey").path("Count").asInt());

        JsonNode contacts = init.path("ContactList");
        assertEquals(contacts.size(), init.path("Count").asInt());
        assertEquals("filehelper", contacts.get(0).path("UserName").asText());
        StringBuilder expectedChatSet = new StringBuilder();
        for (JsonNode contact : contacts) {
            assertEquals(CONTACT_FIELDS, fieldNames(contact));
            expectedChatSet.append(contact.path("UserName").asText()).append(',');
        }
        assertEquals(expectedChatSet.toString(), init.path("ChatSet").asText());
        assertTrue(init.path("ChatSet").asText().endsWith(","));
        JsonNode group = find(contacts, family.userName());
        assertTrue(group.path("UserName").asText().matches("@@[0-9a-f]{64}"));
        assertEquals(3, group.path("MemberCount").asInt(), "Alice, Carol and the account itself");
        assertEquals(alice.userName(), group.path("MemberList").get(0).path("UserName").asText());
        assertEquals(init.path("User").path("UserName").asText(), group.path("MemberList").get(2).path("UserName").asText());
        assertTrue(bot.isOnline());
    }

    @Test
    void initAcceptsUinAsAStringAndNoContentTypeButRefusesAnUnknownSession() {
        String stringUin = login.baseRequest().replace("\"Uin\":" + login.uin, "\"Uin\":\"" + login.uin + "\"");
        WireClient.Response withString = client.post(login.apiHost, CGI + "webwxinit?r=-1", "{\"BaseRequest\":" + stringUin + "}",
                "Cookie", login.cookieHeader());
        assertEquals(0, withString.json().path("BaseResponse").path("Ret").asInt());
        WireClient.Response withContentTypeHeaderName = client.post(login.apiHost, CGI + "webwxinit?r=-1",
                "{\"BaseRequest\":" + login.baseRequest() + "}", "ContentType", "application/json; charset=UTF-8",
                "Cookie", login.cookieHeader());
        assertEquals(0, withContentTypeHeaderName.json().path("BaseResponse").path("Ret").asInt());
        String unknownSid = login.baseRequest().replace(login.sid, "AAAAAAAAAAAAAAAA");
        assertEquals(1100, client.post(login.apiHost, CGI + "webwxinit", "{\"BaseRequest\":" + unknownSid + "}")
                .json().path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void passTicketIsAcceptedInEveryEncodingAndWhenMissing() {
        String raw = login.passTicket;
        String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        try (Emulator strict = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).strictPassTicket(true).start()) {
            WireClient strictClient = new WireClient(strict);
            WebLogin strictLogin = WebLogin.perform(strict, strictClient, strict.addAccount("Strict"));
            String body = "{\"BaseRequest\":" + strictLogin.baseRequest() + "}";
            String ticket = strictLogin.passTicket;
            for (String variant : List.of(ticket, URLEncoder.encode(ticket, StandardCharsets.UTF_8),
                    URLDecoder.decode(ticket, StandardCharsets.UTF_8), "undefined")) {
                assertEquals(0, strictLogin.postJson(strictClient, "webwxinit?pass_ticket=" + variant, body)
                        .json().path("BaseResponse").path("Ret").asInt(), variant);
            }
            assertEquals(0, strictLogin.postJson(strictClient, "webwxinit", body).json().path("BaseResponse").path("Ret").asInt());
            assertEquals(1100, strictLogin.postJson(strictClient, "webwxinit?pass_ticket=wrong", body)
                    .json().path("BaseResponse").path("Ret").asInt());
        }
        assertFalse(raw.equals(decoded) && raw.contains("%"), "pass_ticket is delivered percent-encoded");
    }

    @Test
    void malformedJsonAnswersRet1200() {
        WireClient.Response response = login.postJson(client, "webwxinit", "{\"BaseRequest\": nope");
        assertEquals(200, response.status());
        assertEquals("text/plain", response.contentType());
        assertEquals(1200, response.json().path("BaseResponse").path("Ret").asInt());
        assertEquals(1200, login.postJson(client, "webwxsendmsg", "[1,2,3]").json().path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void statusNotifyCode3AnswersA19DigitMsgIdAndQueuesConversationSync() {
        JsonNode init = login.init(client);
        String self = bot.userName();
        WireClient.Response response = login.postJson(client, "webwxstatusnotify?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"Code\":3,\"FromUserName\":\"" + self + "\",\"ToUserName\":\""
                        + self + "\",\"ClientMsgId\":1546211539889}");
        JsonNode notify = response.json();
        assertEquals(List.of("BaseResponse", "MsgID"), fieldNames(notify));
        assertTrue(notify.path("MsgID").isTextual() && notify.path("MsgID").asText().matches("\\d{19}"), notify.toString());

        String key = WebLogin.syncKeyString(init.path("SyncKey"));
        assertEquals("window.synccheck={retcode:\"0\",selector:\"2\"}", login.syncCheck(client, key).text());
        JsonNode sync = login.sync(client, init.path("SyncKey")).json();
        assertEquals(1, sync.path("AddMsgCount").asInt());
        JsonNode message = sync.path("AddMsgList").get(0);
        assertEquals(51, message.path("MsgType").asInt());
        assertEquals(4, message.path("StatusNotifyCode").asInt());
        assertEquals(self, message.path("FromUserName").asText());
        assertEquals(self, message.path("ToUserName").asText());
        String content = message.path("Content").asText();
        assertTrue(content.startsWith("&lt;msg&gt;<br/>&lt;op id='4'&gt;<br/>&lt;username&gt;filehelper,"), content);
        String[] sessionNames = message.path("StatusNotifyUserName").asText().split(",");
        assertEquals("filehelper", sessionNames[0]);
        assertTrue(List.of(sessionNames).contains(alice.userName()));
        assertTrue(content.contains(alice.wxid()), "permanent ids listed in the XML");
    }

    @Test
    void statusNotifyCode1EchoesAReadMessageForThePeer() {
        JsonNode init = login.init(client);
        login.postJson(client, "webwxstatusnotify", "{\"BaseRequest\":" + login.baseRequest() + ",\"Code\":1,\"FromUserName\":\""
                + bot.userName() + "\",\"ToUserName\":\"" + alice.userName() + "\",\"ClientMsgId\":\"1546211539889\"}");
        JsonNode message = login.sync(client, init.path("SyncKey")).json().path("AddMsgList").get(0);
        assertEquals(51, message.path("MsgType").asInt());
        assertEquals(1, message.path("StatusNotifyCode").asInt());
        assertEquals(alice.userName(), message.path("StatusNotifyUserName").asText());
        assertEquals(alice.userName(), message.path("ToUserName").asText());
    }

    @Test
    void getContactPagesWithAnOpaqueSeqUntilZeroByGetOrPost() {
        Set<String> names = new HashSet<>();
        long seq = 0;
        int pages = 0;
        do {
            String query = "webwxgetcontact?r=1&seq=" + seq + "&skey=" + login.skey + "&pass_ticket=" + login.doubleEncodedPassTicket();
            WireClient.Response response = pages % 2 == 0
                    ? client.get(login.apiHost, CGI + query, "Cookie", login.cookieHeader())
                    : client.post(login.apiHost, CGI + query, "{}", "Cookie", login.cookieHeader());
            assertEquals("text/plain", response.contentType());
            JsonNode page = response.json();
            assertEquals(List.of("BaseResponse", "MemberCount", "MemberList", "Seq"), fieldNames(page));
            assertEquals(0, page.path("BaseResponse").path("Ret").asInt());
            assertEquals(page.path("MemberList").size(), page.path("MemberCount").asInt());
            for (JsonNode contact : page.path("MemberList")) {
                assertEquals(CONTACT_FIELDS, fieldNames(contact));
                assertTrue(names.add(contact.path("UserName").asText()), "duplicate across pages");
            }
            long next = page.path("Seq").asLong();
            assertTrue(next == 0 || next > 1000, "cursor should be an opaque large integer: " + next);
            seq = next;
            pages++;
        } while (seq != 0 && pages < 20);
        assertEquals(3, pages, "6 address-book entries at 2 per page");
        assertEquals(Set.of("filehelper", "weixin", alice.userName(), bob.userName(), news.userName(), family.userName()), names);
    }

    @Test
    void getContactClassifiesKindsByTheirFlags() {
        List<JsonNode> all = new ArrayList<>();
        long seq = 0;
        do {
            JsonNode page = client.get(login.apiHost, CGI + "webwxgetcontact?seq=" + seq + "&skey="
                    + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader()).json();
            page.path("MemberList").forEach(all::add);
            seq = page.path("Seq").asLong();
        } while (seq != 0);
        JsonNode mp = find(all, news.userName());
        assertEquals(24, mp.path("VerifyFlag").asInt());
        assertEquals("gh_", mp.path("KeyWord").asText());
        assertTrue(mp.path("UserName").asText().matches("@[0-9a-f]{32}"));
        JsonNode group = find(all, family.userName());
        assertEquals(0, group.path("MemberCount").asInt());
        assertEquals(0, group.path("MemberList").size());
        JsonNode friend = find(all, alice.userName());
        assertEquals(0, friend.path("VerifyFlag").asInt());
        assertEquals(3, friend.path("ContactFlag").asInt());
        assertEquals(56, find(all, "weixin").path("VerifyFlag").asInt());
    }

    @Test
    void getContactWithoutASessionAnswers1100() {
        JsonNode page = client.get(login.apiHost, CGI + "webwxgetcontact?seq=0&skey=%40crypt_00000000_0").json();
        assertEquals(1100, page.path("BaseResponse").path("Ret").asInt());
        assertEquals(0, page.path("Seq").asLong());
    }

    @Test
    void batchGetContactReturnsGroupsWithMembersAndOmitsUnknownNames() {
        login.init(client);
        JsonNode response = login.postJson(client, "webwxbatchgetcontact?type=ex&r=1", "{\"BaseRequest\":" + login.baseRequest()
                + ",\"Count\":3,\"List\":[{\"UserName\":\"" + family.userName() + "\",\"ChatRoomId\":\"\"},{\"UserName\":\""
                + alice.userName() + "\",\"EncryChatRoomId\":\"\"},{\"UserName\":\"@ffff\"}]}").json();
        assertEquals(2, response.path("Count").asInt());
        JsonNode group = response.path("ContactList").get(0);
        assertEquals(3, group.path("MemberCount").asInt());
        assertEquals("Alice", group.path("MemberList").get(0).path("NickName").asText());
        assertEquals("Carol", group.path("MemberList").get(1).path("NickName").asText());
        assertEquals("Bot", group.path("MemberList").get(2).path("NickName").asText(), "the account is a member too");
        assertTrue(group.path("EncryChatRoomId").asText().matches("@[0-9a-f]{32}"));
        assertTrue(group.path("HeadImgUrl").asText().endsWith("&skey="));
    }

    @Test
    void headImgUrlsServeJpegAvatars() {
        JsonNode init = login.init(client);
        for (JsonNode contact : init.path("ContactList")) {
            WireClient.Response image = client.get(login.apiHost, contact.path("HeadImgUrl").asText(), "Cookie", login.cookieHeader());
            assertEquals(200, image.status(), contact.path("HeadImgUrl").asText());
            assertEquals("image/jpeg", image.contentType());
            assertEquals((byte) 0xFF, image.body()[0]);
            assertEquals((byte) 0xD8, image.body()[1]);
        }
    }

    @Test
    void sendMsgAnswersMsgIdAndLocalIdAsStringsAndRecordsTheMessage() {
        login.init(client);
        WireClient.Response response = login.postJson(client, "webwxsendmsg?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + ",\"Msg\":{\"Type\":1,\"Content\":\"hi <b> & 你好\\nline\",\"FromUserName\":\""
                        + bot.userName() + "\",\"ToUserName\":\"" + alice.userName()
                        + "\",\"LocalID\":15462147414160521,\"ClientMsgId\":15462147414160521},\"Scene\":0}");
        JsonNode send = response.json();
        assertEquals(List.of("BaseResponse", "MsgID", "LocalID"), fieldNames(send));
        assertTrue(send.path("MsgID").isTextual() && send.path("MsgID").asText().matches("\\d{19}"));
        assertTrue(send.path("LocalID").isTextual());
        assertEquals("15462147414160521", send.path("LocalID").asText());

        SentMessage sent = bot.awaitSentMessage(Duration.ofSeconds(2));
        assertEquals(bot.userName(), sent.fromUserName());
        assertEquals(alice.userName(), sent.toUserName());
        assertEquals("Alice", sent.toNickName());
        assertEquals(1, sent.type());
        assertEquals("hi <b> & 你好\nline", sent.content());
        assertEquals(send.path("MsgID").asText(), sent.msgId());
        assertEquals("15462147414160521", sent.localId());
        assertEquals("15462147414160521", sent.clientMsgId());
    }

    @Test
    void sendMsgEchoesTheMessageBackThroughSyncWithTheSameId() {
        JsonNode init = login.init(client);
        JsonNode send = login.postJson(client, "webwxsendmsg", "{\"BaseRequest\":" + login.baseRequest()
                + ",\"Msg\":{\"Type\":\"1\",\"Content\":\"a<b\",\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\"filehelper\","
                + "\"LocalID\":\"17000001234560417\",\"ClientMsgId\":\"17000001234560417\"}}").json();
        JsonNode message = login.sync(client, init.path("SyncKey")).json().path("AddMsgList").get(0);
        assertEquals(send.path("MsgID").asText(), message.path("MsgId").asText());
        assertEquals(bot.userName(), message.path("FromUserName").asText());
        assertEquals("filehelper", message.path("ToUserName").asText());
        assertEquals("a&lt;b", message.path("Content").asText());
    }

    @Test
    void noEchoWhenSwitchedOff() {
        try (Emulator quiet = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).echoWebSentMessages(false).start()) {
            WireClient quietClient = new WireClient(quiet);
            Account account = quiet.addAccount("Quiet");
            WebLogin quietLogin = WebLogin.perform(quiet, quietClient, account);
            JsonNode init = quietLogin.init(quietClient);
            quietLogin.postJson(quietClient, "webwxsendmsg", "{\"BaseRequest\":" + quietLogin.baseRequest()
                    + ",\"Msg\":{\"Type\":1,\"Content\":\"x\",\"FromUserName\":\"" + account.userName() + "\",\"ToUserName\":\"filehelper\"}}");
            assertEquals(0, quietLogin.sync(quietClient, init.path("SyncKey")).json().path("AddMsgCount").asInt());
            assertEquals(1, account.sentMessages().size());
        }
    }

    @Test
    void sendMsgToAnUnknownOrNonFriendRecipientAnswers1204WithEmptyIds() {
        login.init(client);
        Contact carol = family.members().get(1);
        for (String to : List.of("@0123456789abcdef0123456789abcdef", carol.userName())) {
            JsonNode send = login.postJson(client, "webwxsendmsg", "{\"BaseRequest\":" + login.baseRequest()
                    + ",\"Msg\":{\"Type\":1,\"Content\":\"x\",\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\"" + to
                    + "\",\"LocalID\":1,\"ClientMsgId\":1}}").json();
            assertEquals(1204, send.path("BaseResponse").path("Ret").asInt(), to);
            assertEquals("", send.path("MsgID").asText());
            assertEquals("", send.path("LocalID").asText());
        }
        assertTrue(bot.sentMessages().isEmpty());
    }

    @Test
    void logoutEndsTheSessionFor1101() {
        JsonNode init = login.init(client);
        WireClient.Response logout = client.post(login.apiHost, CGI + "webwxlogout?redirect=1&type=0&skey="
                + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "", "Cookie", login.cookieHeader());
        assertEquals(302, logout.status());
        assertEquals("https://wx.qq.com/", logout.headers().firstValue("Location").orElse(null));
        assertEquals("window.synccheck={retcode:\"1101\",selector:\"0\"}",
                login.syncCheck(client, WebLogin.syncKeyString(init.path("SyncKey"))).text());
        assertEquals(1101, login.sync(client, init.path("SyncKey")).json().path("BaseResponse").path("Ret").asInt());
        assertFalse(bot.isOnline());
    }

    @Test
    void logoutByGetWithOnlySkeyWorksToo() {
        login.init(client);
        client.get(login.apiHost, CGI + "webwxlogout?redirect=1&type=1&skey=" + URLEncoder.encode(login.skey, StandardCharsets.UTF_8));
        assertFalse(bot.isOnline());
    }

    @Test
    void jsonCallOnAnotherFamilysApiHostAnswers1100() {
        JsonNode init = client.post("wx2.qq.com", CGI + "webwxinit", "{\"BaseRequest\":" + login.baseRequest() + "}",
                "Cookie", login.cookieHeader()).json();
        assertEquals(1100, init.path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void gzipIsUsedForJsonWhenAccepted() {
        WireClient.Response response = client.post(login.apiHost, CGI + "webwxinit", "{\"BaseRequest\":" + login.baseRequest() + "}",
                "Accept-Encoding", "gzip, deflate, br", "Cookie", login.cookieHeader());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals(0, response.json().path("BaseResponse").path("Ret").asInt());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode find(Iterable<JsonNode> contacts, String userName) {
        for (JsonNode contact : contacts) {
            if (contact.path("UserName").asText().equals(userName)) {
                return contact;
            }
        }
        throw new AssertionError("no contact " + userName);
    }
}
