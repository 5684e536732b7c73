package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.webwxbot.emulator.SyncAnswers.lines;
import static dev.webwxbot.emulator.SyncAnswers.memberNames;
import static dev.webwxbot.emulator.SyncAnswers.onlyMod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control API's contact and group routes over real HTTP, with a client logged in: each change reaches the live
 * session in one webwxsync answer (entry and line together), a refused change answers 400 with what was wrong and
 * tells the session nothing, and an account without a session only changes.
 */
class ControlApiChangesConformanceTest {
    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact hikers;
    private String base;
    private WebLogin login;
    private JsonNode syncKey;
    private String self;

    @BeforeEach
    void online() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        hikers = bot.addGroup("Hikers", alice, bob);
        base = "/__emulator/accounts/" + bot.uin();
        login = WebLogin.perform(emulator, client, bot);
        JsonNode init = login.init(client);
        syncKey = init.path("SyncKey");
        self = init.path("User").path("UserName").asText();
        sync();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aFriendAddedOverTheControlApiReachesTheOnlineSessionWithItsLine() {
        JsonNode dave = ok("/friends", "{\"NickName\":\"Dave\"}");
        assertEquals("friend", dave.path("Kind").asText());
        JsonNode answer = sync();
        JsonNode mod = onlyMod(answer);
        assertEquals(dave.path("UserName").asText(), mod.path("UserName").asText());
        assertEquals("Dave", mod.path("NickName").asText());
        assertEquals(List.of("Dave刚刚把你添加到通讯录，现在可以开始聊天了。"), lines(answer));
    }

    @Test
    void friendAccountsMakesTwoAccountsFriendsOfEachOther() {
        Account other = emulator.addAccount("Bot 2");
        JsonNode friend = ok("/friend-accounts", "{\"Uin\":" + other.uin() + "}");
        assertEquals("friend", friend.path("Kind").asText());
        assertEquals(other.wxid(), friend.path("Id").asText());
        assertEquals(friend.path("UserName").asText(), onlyMod(sync()).path("UserName").asText());
        assertEquals("Bot", other.contactFor(bot).orElseThrow().nickName());

        refused("/friend-accounts", "{\"Uin\":1}", "no account 1");
        refused("/friend-accounts", "{}", "missing Uin");
        refused("/friend-accounts", "{\"Uin\":" + bot.uin() + "}", "cannot befriend itself");
    }

    @Test
    void contactRoutesChangeTheContactAndTheSessionGetsItsNewState() {
        String alicePath = "/contacts/" + alice.wxid();
        JsonNode modified = ok(alicePath + "/modify", "{\"NickName\":\"Alice W.\",\"RemarkName\":\"Ali\",\"Alias\":\"alice_w\"}");
        assertEquals("Ali", modified.path("RemarkName").asText());
        JsonNode mod = onlyMod(sync());
        assertEquals("Alice W.", mod.path("NickName").asText());
        assertEquals("Ali", mod.path("RemarkName").asText());
        assertEquals("alice_w", mod.path("Alias").asText());

        String before = mod.path("HeadImgUrl").asText();
        ok(alicePath + "/head-image", "");
        assertFalse(onlyMod(sync()).path("HeadImgUrl").asText().equals(before), "a new avatar, a new URL");

        JsonNode flagged = ok(alicePath + "/flags", "{\"Starred\":true,\"Muted\":true}");
        assertTrue(flagged.path("Starred").asBoolean() && flagged.path("Muted").asBoolean());
        assertEquals(3 | 64 | 512, onlyMod(sync()).path("ContactFlag").asInt());

        String userName = bob.userName();
        assertEquals("{}", client.post("localhost", base + "/contacts/" + bob.wxid() + "/delete", "").text());
        JsonNode deleted = sync();
        assertEquals(userName, deleted.path("DelContactList").get(0).path("UserName").asText());
        assertEquals(0, deleted.path("AddMsgCount").asInt());
    }

    @Test
    void groupRoutesSayWhatThePhoneSaysInTheSameAnswerAsTheGroup() {
        String carol = ok("/strangers", "{\"NickName\":\"Carol\"}").path("Id").asText();
        String erin = ok("/strangers", "{\"NickName\":\"Erin\"}").path("Id").asText();
        assertEquals(0, sync().path("ModContactCount").asInt(), "strangers are not in the address book");
        JsonNode climbers = ok("/groups", "{\"Name\":\"Climbers\",\"Members\":[\"" + alice.wxid() + "\",\"" + carol + "\"]}");
        assertEquals(List.of(alice.wxid(), carol), strings(climbers.path("Members")));
        assertEquals(alice.wxid(), climbers.path("Owner").asText());
        JsonNode created = sync();
        assertEquals(climbers.path("UserName").asText(), onlyMod(created).path("UserName").asText());
        assertEquals(List.of(), lines(created));

        String group = "/groups/" + hikers.wxid();
        ok(group + "/members", "{\"Member\":\"" + carol + "\",\"Inviter\":\"" + alice.wxid() + "\"}");
        assertEquals(List.of("\"Alice\"邀请\"Carol\"加入了群聊"), textsWithOneMod(sync()));
        ok(group + "/members", "{\"Member\":\"" + erin + "\",\"ViaQrCode\":true}");
        assertEquals(List.of("\" Erin\"通过扫描你分享的二维码加入群聊  "), textsWithOneMod(sync()));
        ok(group + "/members/" + carol + "/display-name", "{\"DisplayName\":\"Trail boss\"}");
        assertEquals(List.of(), textsWithOneMod(sync()));
        ok(group + "/rename", "{\"Name\":\"Sunday hikers\",\"By\":\"" + bob.wxid() + "\"}");
        assertEquals(List.of("\"Bob\"修改群名为“Sunday hikers”"), textsWithOneMod(sync()));
        JsonNode owned = ok(group + "/owner", "{\"Owner\":\"" + bot.wxid() + "\"}");
        assertEquals(bot.wxid(), owned.path("Owner").asText());
        JsonNode ownerAnswer = sync();
        assertEquals(self, onlyMod(ownerAnswer).path("ChatRoomOwner").asText());
        assertEquals(List.of(), lines(ownerAnswer));
        ok(group + "/members/" + carol + "/remove", "{}");
        assertEquals(List.of("你将\"Carol\"移出了群聊"), textsWithOneMod(sync()));
        ok(group + "/members/" + erin + "/quit", "");
        assertEquals(List.of(), textsWithOneMod(sync()));
        ok(group + "/owner", "{\"Owner\":\"" + alice.wxid() + "\"}");
        sync();
        JsonNode removed = ok(group + "/remove-account", "{\"By\":\"" + alice.wxid() + "\"}");
        assertFalse(removed.path("IncludesAccount").asBoolean());
        JsonNode answer = sync();
        assertFalse(memberNames(onlyMod(answer)).contains(self));
        assertEquals(List.of("你被\"Alice\"移出群聊"), lines(answer));
    }

    @Test
    void aRefusedChangeAnswers400WithWhatWasWrongAndTellsTheSessionNothing() {
        String group = "/groups/" + hikers.wxid();
        refused("/contacts/wxid_nobody/modify", "{\"NickName\":\"X\"}", "no contact wxid_nobody");
        refused("/contacts/" + alice.wxid() + "/modify", "{}", "at least one of NickName");
        refused("/contacts/" + alice.wxid() + "/modify", "{\"NickName\":7}", "NickName must be a string");
        refused("/contacts/" + alice.wxid() + "/flags", "{\"Pinned\":\"yes\"}", "Pinned must be true or false");
        refused("/contacts/" + hikers.wxid() + "/flags", "{\"Starred\":true}", "cannot be starred");
        refused("/contacts/" + hikers.wxid() + "/head-image", "", "only people and official accounts");
        refused("/contacts/filehelper/delete", "", "built-in");
        refused("/groups", "{\"Name\":\"Twice\",\"Members\":[\"" + alice.wxid() + "\",\"" + alice.wxid() + "\"]}",
                "listed twice");
        refused("/groups", "{\"Name\":\"No list\"}", "Members must be an array");
        refused("/groups/" + alice.wxid() + "/rename", "{\"Name\":\"X\"}", "is not a group");
        refused(group + "/members", "{}", "missing Member");
        refused(group + "/members", "{\"Member\":\"" + bob.wxid() + "\"}", "already in");
        refused(group + "/members/" + alice.wxid() + "/remove", "{}", "nobody can remove the owner");
        refused(group + "/owner", "{\"Owner\":\"" + alice.wxid() + "\"}", "already owns");
        refused(group + "/remove-account", "{}", "missing By");
        refused(group + "/remove-account", "{\"By\":\"" + bot.wxid() + "\"}", "not the account");
        assertEquals(400, client.post("localhost", "/__emulator/accounts/1/friends", "{\"NickName\":\"X\"}").status());

        assertEquals(404, client.post("localhost", base + group + "/explode", "{}").status());
        assertEquals(404, client.post("localhost", base + "/contacts/wxid_nobody/explode", "{}").status(),
                "an unknown action is unknown whatever id it names");
        assertEquals(404, client.get("localhost", base + group + "/rename").status());

        JsonNode answer = sync();
        assertEquals(0, answer.path("ModContactCount").asInt() + answer.path("DelContactCount").asInt()
                + answer.path("AddMsgCount").asInt());
        assertEquals(List.of(alice, bob), hikers.members());
    }

    @Test
    void anAccountWithoutASessionOnlyChanges() {
        Account offline = emulator.addAccount("Offline");
        String path = "/__emulator/accounts/" + offline.uin();
        JsonNode dave = client.post("localhost", path + "/friends", "{\"NickName\":\"Dave\"}").json();
        assertTrue(dave.path("UserName").isNull());
        client.post("localhost", path + "/contacts/" + dave.path("Id").asText() + "/flags", "{\"Pinned\":true}");
        assertTrue(offline.contacts().getLast().pinned());
        assertEquals(List.of(), offline.conversation(), "no line for a change nobody was online to hear");
    }

    private JsonNode ok(String path, String body) {
        WireClient.Response response = client.post("localhost", base + path, body);
        assertEquals(200, response.status(), path + ": " + response.text());
        return response.json();
    }

    private void refused(String path, String body, String reason) {
        WireClient.Response response = client.post("localhost", base + path, body);
        assertEquals(400, response.status(), path + " " + body + ": " + response.text());
        String error = response.json().path("error").asText();
        assertTrue(error.contains(reason), path + " " + body + ": " + error);
    }

    private JsonNode sync() {
        JsonNode response = login.sync(client, syncKey).json();
        assertEquals(0, response.path("BaseResponse").path("Ret").asInt());
        syncKey = response.path("SyncKey");
        return response;
    }

    private List<String> textsWithOneMod(JsonNode answer) {
        assertEquals(hikers.userName(), onlyMod(answer).path("UserName").asText());
        return lines(answer);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
