package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's address book follows what happens on the server while it is online: group members joining and
 * leaving, a group renamed, a friend's remark changed, a contact deleted; in-group names are searchable.
 */
class ContactChangesEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact carol;
    private Contact group;
    private Bot bot;

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        carol = account.addStranger("Carol");
        group = account.addGroup("Weekend hikers", alice, carol);
        group.setMemberDisplayName(carol, "Trail boss");
        bot = PhoneLogin.online(world.client, SessionOptions.defaults(), new PhoneLogin(account)).bot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void membersAreKnownWithTheirInGroupNamesAndFoundByThem() {
        dev.webwxbot.api.Contact hikers = chat(group.userName());
        assertEquals(List.of("Alice", "Bot", "Carol"), nickNames(bot.contacts().members(hikers)));
        List<dev.webwxbot.api.Contact> found = bot.contacts().find("Trail boss");
        assertEquals(1, found.size(), found.toString());
        assertEquals(carol.userName(), found.getFirst().userName());
        assertEquals("Trail boss", found.getFirst().groupDisplayName());
    }

    @Test
    void aMemberJoiningAndAnotherLeavingAndARenameReachTheAddressBook() {
        Contact erin = account.addStranger("Erin");
        group.addMember(erin, alice);
        group.removeMember(carol, alice);
        group.renameGroup("Sunday hikers", alice);
        Await.until(() -> chat(group.userName()).nickName().equals("Sunday hikers"), "the new group name");
        Await.until(() -> nickNames(bot.contacts().members(chat(group.userName()))).equals(List.of("Alice", "Bot", "Erin")),
                "Erin in and Carol out");
        assertTrue(bot.contacts().find("Trail boss").isEmpty(), "a member who left is no longer found by in-group name");
    }

    @Test
    void aDeletedFriendLeavesTheAddressBook() {
        account.deleteContact(alice);
        Await.until(() -> bot.contacts().byUserName(alice.userName()).isEmpty(), "Alice gone");
    }

    private dev.webwxbot.api.Contact chat(String userName) {
        return bot.contacts().byUserName(userName).orElseThrow(() -> new AssertionError("unknown " + userName));
    }

    private static List<String> nickNames(List<dev.webwxbot.api.Contact> contacts) {
        return contacts.stream().map(dev.webwxbot.api.Contact::nickName).sorted().toList();
    }
}
