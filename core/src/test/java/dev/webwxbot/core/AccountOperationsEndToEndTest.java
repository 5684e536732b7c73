package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Friend and group operations by the real client against the emulator: each visible in the emulated world, and
 * back in the client's contact book (from the answer or the following webwxsync).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountOperationsEndToEndTest {
    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private Contact dan;
    private Contact carol;
    private Contact hikers;
    private Bot bot;
    private PhoneLogin login;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        dan = account.addFriend("Dan");
        carol = account.addStranger("Carol");
        hikers = account.addGroup("Weekend hikers", alice, carol);
        login = PhoneLogin.messagesOnly(account);
        bot = world.logIn(SessionOptions.defaults(), login).bot();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void acceptingAFriendRequestMakesAFriendInTheWorldAndInTheContactBook() throws Exception {
        Contact erin = account.receiveFriendRequest("Erin", "我是Erin");
        FriendRequest request = login.next(FriendRequest.class, null, Duration.ofSeconds(10));
        assertTrue(bot.account().acceptFriendRequest(request).ok());
        assertEquals(dev.webwxbot.emulator.ContactKind.FRIEND, erin.kind());
        Await.until(() -> bot.contacts().byUserName(erin.userName()).map(c -> c.kind() == ContactKind.FRIEND).orElse(false),
                "Erin arrives as a friend through ModContactList");
        RecordedRequest verify = last("/webwxverifyuser");
        assertTrue(verify.bodyAsString().contains("\"Opcode\":3"), verify.bodyAsString());
        assertTrue(verify.bodyAsString().contains("\"SceneList\":[33]"), verify.bodyAsString());
        assertTrue(verify.bodyAsString().contains("\"VerifyUserTicket\":\"" + request.ticket() + "\""));
    }

    @Test
    void addingAStrangerSendsARequestWithTheGreeting() {
        assertTrue(bot.account().addFriend(carol.userName(), "我是Bot").ok());
        Account.SentFriendRequest sent = account.sentFriendRequests().getLast();
        assertEquals(carol, sent.to());
        assertEquals("我是Bot", sent.greeting());
        assertTrue(last("/webwxverifyuser").bodyAsString().contains("\"Opcode\":2"));
    }

    @Test
    void aRemarkNameIsSetInTheWorldAndComesBackThroughSync() throws Exception {
        assertTrue(bot.account().setRemarkName(api(bob), "Bobby").ok());
        assertEquals("Bobby", bob.remarkName());
        Await.until(() -> api(bob).remarkName().equals("Bobby"), "the remark arrives through ModContactList");
        assertTrue(last("/webwxoplog").bodyAsString().contains("\"CmdId\":2"));
    }

    @Test
    void aCreatedGroupExistsWithItsMembersAndCanBeGrownRenamedAndShrunk() throws Exception {
        Result<dev.webwxbot.api.Contact> created = bot.account().createGroup("Team", List.of(api(alice), api(bob)));
        @SuppressWarnings("unchecked")
        dev.webwxbot.api.Contact group = ((Result.Ok<dev.webwxbot.api.Contact>) assertInstanceOf(Result.Ok.class,
                created, created.toString())).value();
        assertEquals(ContactKind.GROUP, group.kind());
        assertEquals("Team", group.nickName());
        assertTrue(bot.contacts().byUserName(group.userName()).isPresent(), "in the contact book from the answer");
        Contact team = account.contacts().stream().filter(c -> c.nickName().equals("Team")).findFirst().orElseThrow();
        assertEquals(group.userName(), team.userName());
        assertEquals(List.of(alice, bob), team.members());

        assertTrue(bot.account().addMembers(group, List.of(api(dan))).ok());
        assertEquals(List.of(alice, bob, dan), team.members());
        assertTrue(bot.account().removeMembers(group, List.of(api(bob))).ok());
        assertEquals(List.of(alice, dan), team.members());
        assertTrue(bot.account().renameGroup(group, "Dream team").ok());
        assertEquals("Dream team", team.nickName());
        Await.until(() -> api(team).nickName().equals("Dream team"), "the new topic arrives through ModContactList");
        assertEquals("modtopic", last("/webwxupdatechatroom").queryParam("fun"));
    }

    @Test
    void membersCannotBeRemovedFromAGroupThisAccountDoesNotOwn() throws Exception {
        Await.until(() -> bot.contacts().byUserName(hikers.userName()).isPresent(), "the group is known");
        Result<Void> refused;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            refused = bot.account().removeMembers(api(hikers), List.of(api(alice)));
            assertEquals(List.of("webwxupdatechatroom failed (REJECTED): webwxupdatechatroom answered Ret 1 (parameter "
                    + "error or no permission)"), logs.at(Level.WARN));
        }
        Result.Failed<?> failed = assertInstanceOf(Result.Failed.class, refused);
        assertEquals(FailureReason.REJECTED, failed.reason());
        assertEquals(1, failed.code());
        assertEquals(List.of(alice, carol), hikers.members());

        assertTrue(bot.account().inviteMembers(api(hikers), List.of(api(dan))).ok());
        assertEquals("invitemember", last("/webwxupdatechatroom").queryParam("fun"));
        assertEquals(List.of(dan), hikers.pendingInvitees(), "invited, not yet a member (8.4)");
        hikers.acceptGroupInvitation(dan);
        assertEquals(List.of(alice, carol, dan), hikers.members());
    }

    private RecordedRequest last(String pathEnd) {
        return world.emulator.recordedRequests().stream().filter(r -> r.path().endsWith(pathEnd)).toList().getLast();
    }

    private dev.webwxbot.api.Contact api(Contact contact) {
        return bot.contacts().byUserName(contact.userName()).orElseThrow();
    }
}
