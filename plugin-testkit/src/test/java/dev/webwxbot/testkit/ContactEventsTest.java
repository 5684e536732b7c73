package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.core.chain.DispatchTrace;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plugin author makes people join, leave and befriend the bot in a kit test, and checks what the plugin did. */
class ContactEventsTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("welcomer").handlers(new Welcomer()).build();

    @Test
    void aNewcomerIsWelcomedInTheGroupByMention() {
        Reply welcome = bot.group("Hikers", "Alice").memberJoins("Carol").expectReply()
                .hasText("welcome, Carol").mentions("Carol");
        assertEquals("@Carol\u2005welcome, Carol", welcome.sentMessage().content());
    }

    @Test
    void theEventNamesWhoInvitedTheNewcomer() {
        Happening join = bot.group("Hikers", "Alice").memberJoins("Dave", "Alice");
        MemberJoined joined = assertInstanceOf(MemberJoined.class, join.event());
        assertEquals(Optional.of("Alice"), joined.inviter().map(Contact::nickName));
        assertEquals(MemberJoined.Method.INVITED, joined.method());
        assertEquals("Hikers", joined.group().nickName());
        join.expectReply().mentions("Dave");
    }

    @Test
    void aNewcomerByQrCodeSaysSo() {
        MemberJoined joined = (MemberJoined) bot.group("Hikers", "Alice").memberJoinsByQrCode("Erin", "Alice").event();
        assertEquals(MemberJoined.Method.QR_CODE, joined.method());
        assertEquals(Optional.of("Alice"), joined.inviter().map(Contact::nickName));
    }

    @Test
    void aMemberLeavingIsNotAnswered() {
        Happening left = bot.group("Climbers", "Alice", "Bob").memberLeaves("Bob").expectNoReply()
                .expectTrace("welcomer", DispatchTrace.Result.CONTINUED);
        assertEquals(Optional.empty(), assertInstanceOf(MemberLeft.class, left.event()).removedBy());
    }

    @Test
    void aMemberTheOwnerRemovesIsRemovedByTheAccount() {
        MemberLeft left = (MemberLeft) bot.group("Sailors", "Alice", "Frank").memberRemoved("Frank").event();
        assertEquals(Optional.of(ContactKind.SELF), left.removedBy().map(Contact::kind));
    }

    @Test
    void aRenameNamesTheRenamer() {
        GroupRenamed renamed = (GroupRenamed) bot.group("Runners", "Alice").renamed("Joggers", "Alice")
                .expectNoReply().event();
        assertEquals("Runners", renamed.oldName());
        assertEquals(Optional.of("Alice"), renamed.renamedBy().map(Contact::nickName));
    }

    @Test
    void aNewFriendIsGreetedAndIsAFriendOfTheKitFromThenOn() {
        bot.newFriend("Grace").expectReply().hasText("hello, Grace");
        bot.friend("Grace").says("hi").expectNoReply();
        assertThrows(IllegalArgumentException.class, () -> bot.newFriend("Grace"));
    }

    @Test
    void aDeletedFriendIsContactRemoved() {
        bot.friend("Heidi").says("bye").expectNoReply();
        Happening deleted = bot.friend("Heidi").deleted().expectNoReply();
        assertEquals("Heidi", assertInstanceOf(ContactRemoved.class, deleted.event()).contact().nickName());
        assertTrue(bot.contacts().stream().noneMatch(c -> c.nickName().equals("Heidi")));
    }

    @Test
    void someoneAlreadyInTheGroupCannotJoinIt() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> bot.group("Hikers", "Alice").memberJoins("Alice"));
        assertEquals("Alice is already in the group Hikers", twice.getMessage());
    }
}
