package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.ContactKind;
import dev.webwxbot.core.chain.DispatchTrace;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupChatTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("greeter").handlers(new Greeter()).build();

    @Test
    void aMemberWhoMentionsTheBotIsAnsweredInTheGroupAndMentionedBack() {
        Reply reply = bot.group("Weekend hikers", "Alice", "Bob").member("Bob").saysMentioningBot("hello")
                .expectReply().hasText("hi Bob").mentions("Bob");
        assertEquals(List.of("Bob"), reply.mentioned());
    }

    @Test
    void withoutAMentionTheBotStaysSilentInTheGroup() {
        bot.group("Weekend hikers", "Alice", "Bob").member("Alice").says("hello").expectNoReply();
    }

    @Test
    void aMissingMentionFailsNamingWhoWasMentioned() {
        Reply reply = bot.group("Weekend hikers", "Alice", "Bob").member("Bob").saysMentioningBot("hello").expectReply();
        AssertionError wrong = assertThrows(AssertionError.class, () -> reply.mentions("Alice"));
        assertEquals("expected the bot's answer to Bob in Weekend hikers to mention Alice, but it mentioned Bob:"
                + " \"hi Bob\" mentioning Bob", wrong.getMessage());
    }

    @Test
    void silenceInTheGroupIsExplainedByTheTrace() {
        Said said = bot.group("Weekend hikers", "Alice", "Bob").member("Alice").says("hello");
        AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
        assertEquals("expected the bot to answer Alice's \"hello\" in Weekend hikers, but it did not answer:"
                + " Greeter let it pass (CONTINUE)", silent.getMessage());
    }

    @Test
    void aMembersNicknameInTheGroupIsTheNameTheBotAnswersAndMentionsThemBy() {
        Reply reply = bot.group("Sailors", "Hank").member("Hank").withGroupNickname("Captain")
                .saysMentioningBot("hello").expectReply().hasText("hi Captain").mentions("Hank");
        assertEquals("@Captain\u2005hi Captain", reply.sentMessage().content());
    }

    @Test
    void theOwnersOwnMessagesInAGroupReachThePluginAsTheirOwn() {
        bot.group("Weekend hikers", "Alice", "Bob").ownerSays("@Bob hello").expectNoReply()
                .expectTrace("Greeter", DispatchTrace.Result.CONTINUED);
    }

    @Test
    void onlyMembersCanSpeakInAGroup() {
        Group hikers = bot.group("Weekend hikers", "Alice", "Bob");
        IllegalArgumentException stranger = assertThrows(IllegalArgumentException.class, () -> hikers.member("Zed"));
        assertTrue(stranger.getMessage().startsWith("the group Weekend hikers has no member Zed; its members: Alice, Bob"),
                stranger.getMessage());
    }

    @Test
    void namingAGroupAgainWithSomeoneNewAddsThemAndTheyAreAnswered() {
        bot.group("Book club", "Alice");
        Group club = bot.group("Book club", "Alice", "Carol");
        assertEquals(List.of("Alice", "Carol"), club.members());
        club.member("Carol").saysMentioningBot("hello").expectReply().hasText("hi Carol").mentions("Carol");
    }

    @Test
    void theBotKnowsTheGroupsAndTheirMembersAsFriends() {
        bot.group("Weekend hikers", "Alice", "Bob");
        assertTrue(bot.contacts().stream().anyMatch(c -> c.nickName().equals("Weekend hikers") && c.isGroup()));
        assertTrue(bot.contacts().stream().anyMatch(c -> c.nickName().equals("Bob") && c.kind() == ContactKind.FRIEND));
    }
}
