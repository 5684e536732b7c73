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
import static dev.webwxbot.emulator.SyncAnswers.mods;
import static dev.webwxbot.emulator.SyncAnswers.onlyMod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every change of contacts and groups the Java API makes reaches a live web session as the real server sends it
 * (PROTOCOL.md 3.6–3.8, 4.2, 9.5.11): the ModContactList or DelContactList entry, and the 10000 line where the
 * phone shows one, both in the one webwxsync answer that follows. A plain HTTP client logs in and syncs.
 */
class ContactChangesConformanceTest {
    private static final int FRIEND_FLAGS = 3;

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact carol;
    private Contact hikers;
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
        carol = bot.addStranger("Carol");
        hikers = bot.addGroup("Hikers", alice, bob, carol);
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
    void aFriendAddedWhileOnlineComesWithTheLineThePhoneShowsInOneAnswer() {
        Contact dave = bot.addFriend("Dave");
        assertEquals("6", selector(), "a contact added");
        JsonNode answer = sync();
        JsonNode mod = onlyMod(answer);
        assertEquals(dave.userName(), mod.path("UserName").asText());
        assertEquals("Dave", mod.path("NickName").asText());
        assertEquals(FRIEND_FLAGS, mod.path("ContactFlag").asInt());
        assertEquals(List.of("Dave刚刚把你添加到通讯录，现在可以开始聊天了。"), lines(answer, dave));
    }

    @Test
    void anOfficialAccountAndAGroupArriveWithoutALineAndAStrangerNotAtAll() {
        Contact news = bot.addOfficialAccount("News");
        JsonNode followed = sync();
        assertEquals(news.userName(), onlyMod(followed).path("UserName").asText());
        assertEquals(24, onlyMod(followed).path("VerifyFlag").asInt());
        assertEquals(0, followed.path("AddMsgCount").asInt());

        Contact erin = bot.addStranger("Erin");
        JsonNode nothing = sync();
        assertEquals(0, nothing.path("ModContactCount").asInt() + nothing.path("AddMsgCount").asInt());

        Contact climbers = bot.addGroup("Climbers", alice, erin);
        JsonNode added = sync();
        JsonNode group = onlyMod(added);
        assertEquals(climbers.userName(), group.path("UserName").asText());
        assertEquals("Climbers", group.path("NickName").asText());
        assertEquals(List.of(alice.userName(), erin.userName(), self), memberNames(group));
        assertEquals(3, group.path("MemberCount").asInt());
        assertEquals(alice.userName(), group.path("ChatRoomOwner").asText(), "the first member owns it");
        assertEquals(0, added.path("AddMsgCount").asInt(), "the sources give no line for being pulled into a group");
    }

    @Test
    void nicknameRemarkAndAliasChangesArriveAsTheContactsNewState() {
        alice.modify("Alice W.", "Ali");
        alice.setAlias("alice_w");
        JsonNode answer = sync();
        List<JsonNode> mods = mods(answer);
        assertEquals(2, mods.size());
        JsonNode last = mods.getLast();
        assertEquals("Alice W.", last.path("NickName").asText());
        assertEquals("Ali", last.path("RemarkName").asText());
        assertEquals("alice_w", last.path("Alias").asText());
        assertEquals(0, answer.path("AddMsgCount").asInt());
    }

    @Test
    void aNewAvatarArrivesAsANewHeadImgUrl() {
        alice.modify(null, null);
        String before = onlyMod(sync()).path("HeadImgUrl").asText();
        alice.changeHeadImage();
        assertEquals("4", selector());
        JsonNode mod = onlyMod(sync());
        String after = mod.path("HeadImgUrl").asText();
        assertNotEquals(before, after);
        assertTrue(after.startsWith("/cgi-bin/mmwebwx-bin/webwxgeticon?seq=") && after.contains(alice.userName()), after);
        assertEquals(1, mod.path("HeadImgUpdateFlag").asInt());
        assertThrows(IllegalArgumentException.class, hikers::changeHeadImage);
    }

    @Test
    void starPinAndMuteSetTheirContactFlagBitsAndARepeatSendsNothing() {
        alice.setStarred(true);
        assertEquals(FRIEND_FLAGS | 64, onlyMod(sync()).path("ContactFlag").asInt());
        alice.setPinned(true);
        assertEquals(FRIEND_FLAGS | 64 | 2048, onlyMod(sync()).path("ContactFlag").asInt());
        alice.setMuted(true).setStarred(false);
        List<JsonNode> mods = mods(sync());
        assertEquals(FRIEND_FLAGS | 2048 | 512, mods.getLast().path("ContactFlag").asInt());
        assertTrue(alice.pinned() && alice.muted() && !alice.starred());

        alice.setPinned(true);
        assertEquals(0, sync().path("ModContactCount").asInt(), "nothing changed, nothing sent");

        hikers.setPinned(true);
        assertEquals(3 | 2048, onlyMod(sync()).path("ContactFlag").asInt());
        assertThrows(IllegalArgumentException.class, () -> hikers.setStarred(true), "starring is for friends");
        assertThrows(IllegalArgumentException.class, () -> carol.setMuted(true), "a stranger is not in the book");
    }

    @Test
    void aDeletedContactArrivesInDelContactListWithoutALine() {
        String userName = bob.userName();
        bot.deleteContact(bob);
        assertEquals("6", selector());
        JsonNode answer = sync();
        assertEquals(1, answer.path("DelContactCount").asInt());
        assertEquals(userName, answer.path("DelContactList").get(0).path("UserName").asText());
        assertEquals(0, answer.path("DelContactList").get(0).path("ContactFlag").asInt());
        assertEquals(0, answer.path("AddMsgCount").asInt());
        assertEquals(ContactKind.STRANGER, bob.kind(), "still a member of Hikers, so known as a stranger");
    }

    @Test
    void everyWayOfJoiningSaysWhoBroughtTheMemberInTheSameAnswerAsTheNewMemberList() {
        Contact dave = bot.addStranger("Dave");
        Contact erin = bot.addStranger("Erin");
        Contact fay = bot.addStranger("Fay");
        Contact gus = bot.addStranger("Gus");
        sync();

        hikers.addMember(dave, alice);
        assertJoined(sync(), dave, "\"Alice\"邀请\"Dave\"加入了群聊");
        hikers.addMember(erin, null);
        assertJoined(sync(), erin, "你邀请\"Erin\"加入了群聊  ");
        hikers.addMemberByQrCode(fay, bob);
        assertJoined(sync(), fay, "\"Fay\"通过扫描\"Bob\"分享的二维码加入群聊");
        hikers.addMemberByQrCode(gus, null);
        assertJoined(sync(), gus, "\" Gus\"通过扫描你分享的二维码加入群聊  ");

        assertThrows(IllegalArgumentException.class, () -> hikers.addMember(dave, null), "already in the group");
        Contact hal = bot.addStranger("Hal");
        assertThrows(IllegalArgumentException.class, () -> hikers.addMember(hal, bot.addStranger("Ivy")),
                "an inviter outside the group");
    }

    @Test
    void theAccountRemovingSomeoneSaysSoButAMemberLeavingOrRemovedByAnotherDoesNot() {
        hikers.removeMember(carol, null);
        JsonNode removed = sync();
        assertEquals(List.of(alice.userName(), bob.userName(), self), memberNames(onlyMod(removed)));
        assertEquals(List.of("你将\"Carol\"移出了群聊"), lines(removed, hikers));

        hikers.addMember(carol, null);
        sync();
        hikers.removeMember(carol, bob);
        JsonNode byBob = sync();
        assertEquals(List.of(alice.userName(), bob.userName(), self), memberNames(onlyMod(byBob)));
        assertEquals(0, byBob.path("AddMsgCount").asInt());

        hikers.memberQuits(bob);
        JsonNode quit = sync();
        assertEquals(List.of(alice.userName(), self), memberNames(onlyMod(quit)));
        assertEquals(0, quit.path("AddMsgCount").asInt());

        assertThrows(IllegalArgumentException.class, () -> hikers.removeMember(alice, null), "Alice owns Hikers");
        assertThrows(IllegalArgumentException.class, () -> hikers.memberQuits(bob), "no longer in it");
    }

    @Test
    void theAccountRemovedFromAGroupHearsWhoDidItAndIsNoLongerInItsMemberList() {
        hikers.removeAccount(bob);
        assertEquals("4", selector());
        JsonNode answer = sync();
        JsonNode mod = onlyMod(answer);
        assertEquals(List.of(alice.userName(), bob.userName(), carol.userName()), memberNames(mod));
        assertEquals(3, mod.path("MemberCount").asInt());
        assertEquals(List.of("你被\"Bob\"移出群聊"), lines(answer, hikers));
        assertFalse(hikers.includesAccount());
        assertTrue(bot.contacts().contains(hikers), "the group stays in the address book");

        assertThrows(IllegalArgumentException.class, () -> hikers.renameGroup("Climbers", alice));
        assertThrows(IllegalArgumentException.class, () -> alice.sendTextIn(hikers, "hello?"));
        assertEquals(0, sync().path("AddMsgCount").asInt());

        Contact owned = bot.addGroup("Mine", alice).setOwnedByAccount(true);
        assertThrows(IllegalArgumentException.class, () -> owned.removeAccount(alice), "nobody removes the owner");
    }

    @Test
    void aRenameSaysWhoRenamedItWithTheNewName() {
        hikers.renameGroup("Sunday hikers", alice);
        JsonNode byAlice = sync();
        assertEquals("Sunday hikers", onlyMod(byAlice).path("NickName").asText());
        assertEquals(List.of("\"Alice\"修改群名为“Sunday hikers”"), lines(byAlice, hikers));
        hikers.renameGroup("Hikers", null);
        JsonNode byAccount = sync();
        assertEquals("Hikers", onlyMod(byAccount).path("NickName").asText());
        assertEquals(List.of("你修改群名为“Hikers”"), lines(byAccount, hikers));
    }

    @Test
    void ownershipPassesInChatRoomOwnerAndIsOwnerWithoutALine() {
        assertEquals(0, batchGet(hikers).path("IsOwner").asInt());
        hikers.transferOwnership(bob);
        JsonNode toBob = sync();
        assertEquals(bob.userName(), onlyMod(toBob).path("ChatRoomOwner").asText());
        assertEquals(0, toBob.path("AddMsgCount").asInt(), "the sources give no line for a new owner");

        hikers.transferOwnership(null);
        JsonNode toAccount = sync();
        assertEquals(self, onlyMod(toAccount).path("ChatRoomOwner").asText());
        assertTrue(hikers.ownedByAccount());
        assertEquals(1, batchGet(hikers).path("IsOwner").asInt());
        assertThrows(IllegalArgumentException.class, () -> hikers.transferOwnership(null), "already the owner");
        assertThrows(IllegalArgumentException.class, () -> hikers.transferOwnership(bot.addStranger("Dave")));

        hikers.transferOwnership(carol);
        hikers.memberQuits(carol);
        List<JsonNode> mods = mods(sync());
        assertEquals(alice.userName(), mods.getLast().path("ChatRoomOwner").asText(), "passed to the first member");
    }

    @Test
    void pinningFromTheWebArrivesAsTheTopBit() {
        JsonNode pinned = login.postJson(client, "webwxoplog?lang=zh_CN", "{\"BaseRequest\":" + login.baseRequest()
                + ",\"CmdId\":3,\"OP\":1,\"RemarkName\":\"\",\"UserName\":\"" + alice.userName() + "\"}").json();
        assertEquals(0, pinned.path("BaseResponse").path("Ret").asInt());
        assertEquals(FRIEND_FLAGS | 2048, onlyMod(sync()).path("ContactFlag").asInt());
        assertTrue(alice.pinned());
    }

    @Test
    void changesWhileOfflineOnlyChangeTheWorldThatTheNextLoginLists() {
        bot.phone().logoutWeb();
        Contact dave = bot.addFriend("Dave");
        alice.setStarred(true);
        hikers.addMember(dave, null);
        assertTrue(bot.conversation().stream().noneMatch(line -> line.text().contains("刚刚把你添加到通讯录")),
                "no session heard of Dave, so the phone's line is not news");

        login = WebLogin.perform(emulator, client, bot);
        JsonNode init = login.init(client);
        JsonNode first = login.sync(client, init.path("SyncKey")).json();
        assertEquals(0, first.path("ModContactCount").asInt() + first.path("AddMsgCount").asInt(),
                "nothing from before the login is replayed");
        JsonNode book = client.get(login.apiHost, WebLogin.CGI + "webwxgetcontact?r=1&seq=0&skey=" + login.skey,
                "Cookie", login.cookieHeader()).json();
        List<String> names = new ArrayList<>();
        book.path("MemberList").forEach(c -> names.add(c.path("NickName").asText()));
        assertTrue(names.contains("Dave"), names.toString());
        book.path("MemberList").forEach(c -> {
            if (c.path("NickName").asText().equals("Alice")) {
                assertEquals(FRIEND_FLAGS | 64, c.path("ContactFlag").asInt());
                assertEquals(1, c.path("StarFriend").asInt());
            }
        });
    }

    private void assertJoined(JsonNode answer, Contact member, String line) {
        assertTrue(memberNames(onlyMod(answer)).contains(member.userName()), member + " in the MemberList");
        assertEquals(List.of(line), lines(answer, hikers));
    }

    private JsonNode sync() {
        JsonNode response = login.sync(client, syncKey).json();
        assertEquals(0, response.path("BaseResponse").path("Ret").asInt());
        syncKey = response.path("SyncKey");
        return response;
    }

    private String selector() {
        String text = login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text();
        return text.replaceAll(".*selector:\"(\\d+)\".*", "$1");
    }

    private JsonNode batchGet(Contact group) {
        JsonNode answer = login.postJson(client, "webwxbatchgetcontact?type=ex&r=1&lang=zh_CN", "{\"BaseRequest\":"
                + login.baseRequest() + ",\"Count\":1,\"List\":[{\"UserName\":\"" + group.userName()
                + "\",\"EncryChatRoomId\":\"\"}]}").json();
        return answer.path("ContactList").get(0);
    }
}
