package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.MemberJoined;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin author has strangers ask to become friends, people revoke messages and accept group invitations, and
 * moves the plugin's clock to run its scheduled jobs.
 */
class StrangersAndTimeTest {

    private static final Instant START = Instant.parse("2026-01-05T08:59:00Z");

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("doorkeeper").handlers(new Doorkeeper())
            .manualClock(START).build();

    @Test
    void aFriendRequestThePluginAcceptsMakesAFriendAndOneItIgnoresDoesNot() {
        Friend dora = bot.friendRequest("Dora", "add me please").expectAccepted();
        assertEquals("Dora", dora.name());
        assertTrue(bot.contacts().stream().anyMatch(c -> c.nickName().equals("Dora")), "the bot knows Dora");
        bot.friendRequest("Eve", "add me").expectNotAccepted();
        AssertionError notAccepted = assertThrows(AssertionError.class,
                () -> bot.friendRequest("Finn", "hi").expectAccepted());
        assertTrue(notAccepted.getMessage().startsWith("expected the bot to accept Finn's friend request, but it did"
                + " not within"), notAccepted.getMessage());
    }

    @Test
    void aRevokeReachesThePluginAsItsOwnMessage() {
        Said oops = bot.friend("Alice").says("oops");
        bot.friend("Alice").revokes(oops).expectReply().hasText("seen: Alice took one back");
        Said inGroup = bot.group("Hikers", "Bob").member("Bob").says("wrong group");
        bot.group("Hikers").member("Bob").revokes(inGroup).expectReply().hasText("seen: Bob took one back");
    }

    @Test
    void anAddedMemberJoinsAtOnceAndAnInvitedOneWhenTheyAccept() {
        Group club = bot.group("Club", "Carol");
        bot.friend("Gus").says("join");
        MemberJoined joined = assertInstanceOf(MemberJoined.class, club.expectJoined("Gus").event());
        assertEquals("Gus", joined.member().nickName());

        bot.friend("Hal").says("invite me").expectNoReply();
        assertEquals(List.of("Hal"), club.pendingInvitees());
        assertFalse(club.members().contains("Hal"));
        club.acceptsInvitation("Hal");
        assertTrue(club.members().contains("Hal"));
        assertThrows(IllegalArgumentException.class, () -> club.acceptsInvitation("Carol"));
    }

    @Test
    void movingTheManualClockRunsTheJobsThatAreThenDue() {
        bot.advanceClock(Duration.ofMinutes(1));
        bot.expectMessageTo("filehelper").hasText("tick at 2026-01-05T09:00:00Z");
    }
}
