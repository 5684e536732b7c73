package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxverifyuser, webwxoplog, webwxcreatechatroom and webwxupdatechatroom (PROTOCOL.md 8) over plain HTTP. */
class AccountManagementConformanceTest {
    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private WebLogin login;

    @BeforeEach
    void logIn() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        login = WebLogin.perform(emulator, client, bot);
        login.init(client);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void verifyUserOpcode3AcceptsAPendingRequestEvenWithAnEmptyTicket() {
        Contact erin = bot.receiveFriendRequest("Erin", "hi");
        JsonNode unknown = verify(3, "@nobody", "");
        assertEquals(1, unknown.path("BaseResponse").path("Ret").asInt());
        JsonNode ok = verify(3, erin.userName(), "");
        assertEquals(List.of("BaseResponse"), fieldNames(ok));
        assertEquals(0, ok.path("BaseResponse").path("Ret").asInt());
        assertEquals(ContactKind.FRIEND, erin.kind());
        assertEquals(1, verify(3, erin.userName(), "").path("BaseResponse").path("Ret").asInt(), "no longer pending");
    }

    @Test
    void opLogSetsTheRemarkName() {
        JsonNode ok = post("webwxoplog?lang=zh_CN", "\"CmdId\":2,\"RemarkName\":\"Al\",\"UserName\":\"" + alice.userName() + "\"");
        assertEquals(0, ok.path("BaseResponse").path("Ret").asInt());
        assertEquals("Al", alice.remarkName());
    }

    @Test
    void createChatRoomAnswersInTheCapturedShapeAndTheGroupExists() {
        JsonNode created = post("webwxcreatechatroom?r=1&lang=zh_CN", "\"MemberCount\":2,\"MemberList\":[{\"UserName\":\""
                + alice.userName() + "\"},{\"UserName\":\"" + bob.userName() + "\"}],\"Topic\":\"Team\"");
        assertEquals(List.of("BaseResponse", "Topic", "PYInitial", "QuanPin", "MemberCount", "MemberList",
                "ChatRoomName", "BlackList"), fieldNames(created));
        assertEquals("Everything is OK", created.path("BaseResponse").path("ErrMsg").asText());
        assertEquals(2, created.path("MemberCount").asInt());
        String groupName = created.path("ChatRoomName").asText();
        assertTrue(groupName.startsWith("@@"), groupName);
        Contact team = bot.contacts().getLast();
        assertEquals(groupName, team.userName());
        assertEquals(List.of(alice, bob), team.members());
        assertTrue(team.ownedByAccount());

        JsonNode tooFew = post("webwxcreatechatroom?r=1&lang=zh_CN", "\"MemberCount\":1,\"MemberList\":[{\"UserName\":\""
                + alice.userName() + "\"}],\"Topic\":\"\"");
        assertEquals(1, tooFew.path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void updateChatRoomAddsRemovesAndRenamesButOnlyTheOwnerRemoves() {
        Contact dan = bot.addFriend("Dan");
        Contact group = bot.addGroup("Hikers", alice);
        JsonNode added = post("webwxupdatechatroom?fun=addmember&lang=zh_CN", "\"ChatRoomName\":\"" + group.userName()
                + "\",\"AddMemberList\":\"" + bob.userName() + "," + dan.userName() + "\"");
        assertEquals(List.of("BaseResponse", "MemberCount", "MemberList"), fieldNames(added));
        assertEquals(2, added.path("MemberCount").asInt());
        assertEquals(List.of(alice, bob, dan), group.members());

        String delete = "\"ChatRoomName\":\"" + group.userName() + "\",\"DelMemberList\":\"" + bob.userName() + "\"";
        assertEquals(1, post("webwxupdatechatroom?fun=delmember", delete).path("BaseResponse").path("Ret").asInt());
        group.setOwnedByAccount(true);
        assertEquals(0, post("webwxupdatechatroom?fun=delmember", delete).path("BaseResponse").path("Ret").asInt());
        assertEquals(List.of(alice, dan), group.members());

        assertEquals(0, post("webwxupdatechatroom?fun=modtopic", "\"ChatRoomName\":\"" + group.userName()
                + "\",\"NewTopic\":\"Climbers\"").path("BaseResponse").path("Ret").asInt());
        assertEquals("Climbers", group.nickName());
    }

    @Test
    void inviteMemberSendsInvitationsAndTheInviteeJoinsOnlyOnAccepting() {
        Contact group = bot.addGroup("Hikers", alice);
        JsonNode invited = post("webwxupdatechatroom?fun=invitemember&lang=zh_CN", "\"ChatRoomName\":\""
                + group.userName() + "\",\"InviteMemberList\":\"" + bob.userName() + "\"");
        assertEquals(0, invited.path("BaseResponse").path("Ret").asInt());
        assertEquals(1, invited.path("MemberCount").asInt());
        assertEquals(bob.userName(), invited.path("MemberList").path(0).path("UserName").asText());
        assertEquals(List.of(alice), group.members(), "an invitation card is not a membership (8.4)");
        assertEquals(List.of(bob), group.pendingInvitees());
        assertThrows(IllegalArgumentException.class, () -> group.acceptGroupInvitation(alice));

        group.acceptGroupInvitation(bob);
        assertEquals(List.of(alice, bob), group.members());
        assertEquals(List.of(), group.pendingInvitees());
        assertTrue(bot.conversation().stream().anyMatch(line -> line.text().equals("你邀请\"Bob\"加入了群聊  ")),
                "the 9.5.11 line follows the join");
        assertThrows(IllegalArgumentException.class, () -> group.acceptGroupInvitation(bob), "accepted only once");
    }

    private JsonNode verify(int opcode, String userName, String ticket) {
        return post("webwxverifyuser?r=1&lang=zh_CN", "\"Opcode\":" + opcode + ",\"VerifyUserListSize\":1,"
                + "\"VerifyUserList\":[{\"Value\":\"" + userName + "\",\"VerifyUserTicket\":\"" + ticket + "\"}],"
                + "\"VerifyContent\":\"\",\"SceneListCount\":1,\"SceneList\":[33],\"skey\":\"" + login.skey + "\"");
    }

    private JsonNode post(String endpointAndQuery, String fields) {
        return login.postJson(client, endpointAndQuery + "&pass_ticket=" + login.doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + login.baseRequest() + "," + fields + "}").json();
    }
}
