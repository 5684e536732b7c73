package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.webwxbot.emulator.CaptureShapes.assertSameShape;
import static dev.webwxbot.emulator.CaptureShapes.elements;
import static dev.webwxbot.emulator.CaptureShapes.folder;
import static dev.webwxbot.emulator.CaptureShapes.load;
import static dev.webwxbot.emulator.SessionApiConformanceTest.find;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One session's JSON answers against the real captures in {@code testdata/corpus}, endpoint by endpoint: key sets
 * and types by the rule of {@link CaptureShapes}, and the values a whole-session comparison found off, each with
 * the capture that fixes it.
 */
class CaptureComparisonConformanceTest {
    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact family;
    private WebLogin login;
    private JsonNode init;
    private String self;

    @BeforeEach
    void logIn() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        bot.addOfficialAccount("News");
        family = bot.addGroup("Family", alice, bob);
        login = WebLogin.perform(emulator, client, bot);
        init = login.init(client);
        self = init.path("User").path("UserName").asText();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void webwxinitMatchesTheCapturedInit() {
        List<JsonNode> captures = folder("webwxinit", "http/qjesus-07-webwxinit.json");
        assertSameShape("webwxinit", captures, List.of(init));
        assertSameShape("webwxinit User", captures.stream().map(c -> c.path("User")).toList(), List.of(init.path("User")));
        assertSameShape("webwxinit ContactList", elements(captures, "ContactList"), list(init.path("ContactList")));
        assertSameShape("webwxinit group MemberList", elements(elements(captures, "ContactList"), "MemberList"),
                elements(list(init.path("ContactList")), "MemberList"));
        // http/qjesus-07-webwxinit: the group is listed with ContactFlag 0, Statues 0 and no pinyin.
        JsonNode group = find(init.path("ContactList"), family.userName());
        assertEquals(0, group.path("ContactFlag").asInt());
        assertEquals(0, group.path("Statues").asInt());
        assertEquals("", group.path("PYQuanPin").asText());
        // webwxinit/qjesus-webwxinit and wechat4u-test-webwxinit: no pinyin for the account itself.
        assertEquals("", init.path("User").path("PYQuanPin").asText());
        assertEquals("", init.path("User").path("PYInitial").asText());
    }

    @Test
    void webwxgetcontactMatchesTheCapturedAddressBooks() {
        JsonNode page = client.get(login.apiHost, WebLogin.CGI + "webwxgetcontact?lang=zh_CN&seq=0&skey="
                + URLEncoder.encode(login.skey, StandardCharsets.UTF_8) + "&r=1&pass_ticket="
                + login.doubleEncodedPassTicket(), "Cookie", login.cookieHeader()).json();
        List<JsonNode> captures = folder("webwxgetcontact", "http/qjesus-11-webwxgetcontact.json");
        assertSameShape("webwxgetcontact", captures, List.of(page));
        assertSameShape("webwxgetcontact MemberList", elements(captures, "MemberList"), list(page.path("MemberList")));
        // webwxgetcontact/wechat4u-test-webwxgetcontact: a saved group says ContactFlag 3, Statues 1.
        JsonNode group = find(page.path("MemberList"), family.userName());
        assertEquals(3, group.path("ContactFlag").asInt());
        assertEquals(1, group.path("Statues").asInt());
    }

    @Test
    void webwxbatchgetcontactMatchesTheCapturedAnswersAndKeepsTheAccount() {
        JsonNode batch = post("webwxbatchgetcontact?type=ex&r=1&lang=zh_CN", "\"Count\":2,\"List\":[{\"UserName\":\""
                + family.userName() + "\",\"EncryChatRoomId\":\"\"},{\"UserName\":\"" + self + "\",\"EncryChatRoomId\":\"\"}]");
        List<JsonNode> captures = folder("webwxbatchgetcontact", "http/qjesus-12-webwxbatchgetcontact.json");
        assertSameShape("webwxbatchgetcontact", captures, List.of(batch));
        assertSameShape("webwxbatchgetcontact ContactList", elements(captures, "ContactList"), list(batch.path("ContactList")));
        assertSameShape("webwxbatchgetcontact MemberList", elements(elements(captures, "ContactList"), "MemberList"),
                elements(list(batch.path("ContactList")), "MemberList"));
        // http/qjesus-12-webwxbatchgetcontact, webwxbatchgetcontact/wwdk-*: a group says ContactFlag 2.
        assertEquals(2, find(batch.path("ContactList"), family.userName()).path("ContactFlag").asInt());
        assertEquals(2, batch.path("Count").asInt(), "the account itself is answered too");
        assertEquals("Bot", find(batch.path("ContactList"), self).path("NickName").asText());
    }

    @Test
    void webwxsyncAndItsModContactListMatchTheCapturedSyncs() {
        family.renameGroup("Home", alice);
        JsonNode sync = login.sync(client, init.path("SyncKey")).json();
        List<JsonNode> captures = folder("webwxsync", "http/qjesus-13-webwxsync.json");
        assertSameShape("webwxsync", captures, List.of(sync));
        List<JsonNode> mods = list(sync.path("ModContactList"));
        assertSameShape("webwxsync ModContactList", elements(captures, "ModContactList"), mods);
        // webwxsync/wechat4u-test-webwxsync: a group's ModContactList entry says ContactFlag 3, Statues 0.
        JsonNode group = find(mods, family.userName());
        assertEquals(3, group.path("ContactFlag").asInt());
        assertEquals(0, group.path("Statues").asInt());
    }

    @Test
    void statusNotifyAndSendMsgAndRevokeMatchTheirCaptures() {
        JsonNode notify = post("webwxstatusnotify?lang=zh_CN", "\"Code\":3,\"FromUserName\":\"" + self
                + "\",\"ToUserName\":\"" + self + "\",\"ClientMsgId\":1546211540000");
        assertSameShape("webwxstatusnotify", List.of(load("http/qjesus-08-webwxstatusnotify.json")), List.of(notify));
        JsonNode sent = post("webwxsendmsg?lang=zh_CN", "\"Msg\":{\"Type\":1,\"Content\":\"hi\",\"FromUserName\":\""
                + self + "\",\"ToUserName\":\"" + alice.userName() + "\",\"LocalID\":\"15462147414160521\","
                + "\"ClientMsgId\":\"15462147414160521\"},\"Scene\":0");
        assertSameShape("webwxsendmsg", List.of(load("http/qjesus-15-webwxsendmsg.json"),
                load("responses/wwdk-webwxsendmsg-response.json")), List.of(sent));
        JsonNode revoked = post("webwxrevokemsg?lang=zh_CN", "\"SvrMsgId\":\"" + sent.path("MsgID").asText()
                + "\",\"ToUserName\":\"" + alice.userName() + "\",\"ClientMsgId\":\"15462147414160521\"");
        assertSameShape("webwxrevokemsg", List.of(load("responses/wwdk-webwxrevokemsg-response.json")), List.of(revoked));
    }

    @Test
    void accountManagementAnswersMatchTheirCaptures() {
        Contact erin = bot.receiveFriendRequest("Erin", "hi");
        JsonNode verified = post("webwxverifyuser?r=1&lang=zh_CN", "\"Opcode\":3,\"VerifyUserListSize\":1,"
                + "\"VerifyUserList\":[{\"Value\":\"" + erin.userName() + "\",\"VerifyUserTicket\":\"\"}],"
                + "\"VerifyContent\":\"\",\"SceneListCount\":1,\"SceneList\":[33],\"skey\":\"" + login.skey + "\"");
        assertSameShape("webwxverifyuser", List.of(load("responses/wwdk-webwxverifyuser-response.json")), List.of(verified));
        JsonNode created = post("webwxcreatechatroom?r=1&lang=zh_CN", "\"MemberCount\":2,\"MemberList\":[{\"UserName\":\""
                + alice.userName() + "\"},{\"UserName\":\"" + bob.userName() + "\"}],\"Topic\":\"\"");
        assertSameShape("webwxcreatechatroom", List.of(load("responses/wwdk-webwxcreatechatroom-response.json")),
                List.of(created));
        String room = created.path("ChatRoomName").asText();
        JsonNode topic = post("webwxupdatechatroom?fun=modtopic&lang=zh_CN", "\"ChatRoomName\":\"" + room
                + "\",\"NewTopic\":\"Club\"");
        assertSameShape("webwxupdatechatroom modtopic",
                List.of(load("responses/wwdk-webwxupdatechatroom-modtopic-response.json")), List.of(topic));
        JsonNode added = post("webwxupdatechatroom?fun=addmember&lang=zh_CN", "\"ChatRoomName\":\"" + room
                + "\",\"AddMemberList\":\"" + erin.userName() + "\"");
        assertSameShape("webwxupdatechatroom addmember",
                List.of(load("responses/wwdk-webwxupdatechatroom-addmember-response.json")), List.of(added));
        JsonNode removed = post("webwxupdatechatroom?fun=delmember&lang=zh_CN", "\"ChatRoomName\":\"" + room
                + "\",\"DelMemberList\":\"" + erin.userName() + "\"");
        assertSameShape("webwxupdatechatroom delmember",
                List.of(load("responses/wwdk-webwxupdatechatroom-delmember-response.json")), List.of(removed));
    }

    private JsonNode post(String endpointAndQuery, String fields) {
        return login.postJson(client, endpointAndQuery + "&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + "," + fields + "}").json();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
