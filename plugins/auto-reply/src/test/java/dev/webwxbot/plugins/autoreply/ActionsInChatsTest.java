package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testkit.Group;
import dev.webwxbot.testkit.PluginTestKit;
import dev.webwxbot.testkit.ReplyKind;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of action as the people in the bot's chats meet it, against the emulated WeChat: replies that mention,
 * sends and forwards to named chats, bringing people into groups and removing them, and a named chat that does not
 * exist, reported when the rules load and again when the rule runs, while the rule's other actions go on.
 */
class ActionsInChatsTest {

    private static final AutoReplyHandler HANDLER = new AutoReplyHandler();

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").handlers(HANDLER).build();

    private static void rules(String rules) {
        bot.reconfigure("plugins.auto-reply.rules = [" + rules + "]");
    }

    @Test
    void aReplyMentionsTheSenderAndNamedMembersInAGroup() {
        Group family = bot.group("Family", "Carol", "Dan");
        rules("{ keyword = dinner, require-mention = false, actions = ["
                + "{ text = \"dinner at seven\", mention = [sender, Dan] } ] }");
        family.member("Carol").says("dinner?").expectReply().hasText("dinner at seven").mentions("Carol", "Dan");
    }

    @Test
    void aTextIsSentToANamedChatAndTheReplyStillGoesToTheSender() {
        bot.group("Family", "Carol", "Dan");
        rules("{ keyword = report, scope = [friends], actions = ["
                + "{ send-to = Family, text = \"{sender} reports: {text}\" }, { text = \"passed on\" } ] }");
        bot.friend("Alice").says("report: the cat is fed").expectReply().hasText("passed on");
        bot.expectMessageTo("Family").hasText("Alice reports: report: the cat is fed");
    }

    @Test
    void aMessageIsForwardedToEveryNamedChat() {
        bot.group("Family", "Carol", "Dan");
        bot.friend("Bob");
        rules("{ on = message, kinds = [text], scope = [friends], senders = [Alice], actions = ["
                + "{ forward-to = [Family, Bob] } ] }");
        bot.friend("Alice").says("the parcel came").expectNoReply();
        bot.expectMessageTo("Family").hasText("the parcel came").hasKind(ReplyKind.TEXT);
        bot.expectMessageTo("Bob").hasText("the parcel came");
    }

    @Test
    void aPictureIsForwardedAsAPicture() {
        bot.group("Photos", "Carol");
        rules("{ on = message, kinds = [image], scope = [friends], actions = [{ forward-to = [Photos] }] }");
        byte[] picture = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        bot.friend("Alice").sendsImage(picture).expectNoReply();
        bot.expectMessageTo("Photos").hasKind(ReplyKind.IMAGE);
    }

    @Test
    void aSmallGroupGetsThePersonAddedAtOnceAndAnInvitationWaitsForTheirAccept() {
        Group club = bot.group("Club", "Carol");
        bot.friend("Erin");
        bot.friend("Finn");
        rules("""
                { exact = join, scope = [friends], senders = [Erin], actions = [{ invite-to = Club }] }
                { exact = join, scope = [friends], actions = [{ invite-to = Club, how = invite }] }""");
        bot.friend("Erin").says("join").expectNoReply();
        club.expectJoined("Erin");
        assertTrue(club.members().contains("Erin"), club.members().toString());

        bot.friend("Finn").says("join").expectNoReply();
        assertEquals(List.of("Finn"), club.pendingInvitees());
        assertFalse(club.members().contains("Finn"), "an invitation is not a join");
        club.acceptsInvitation("Finn");
        assertTrue(club.members().contains("Finn"), club.members().toString());
    }

    @Test
    void someoneAlreadyInTheGroupIsLeftAlone() {
        Group club = bot.group("Hall", "Gus");
        rules("{ exact = join, scope = [friends], actions = [{ invite-to = Hall }, { text = \"see you there\" }] }");
        bot.friend("Gus").says("join").expectReply().hasText("see you there");
        assertEquals(List.of("Gus"), club.members());
        assertEquals(List.of(), club.pendingInvitees());
    }

    @Test
    void aMemberIsRemovedFromAGroupTheBotOwns() {
        Group market = bot.group("Market", "Carol", "Dan").ownedByTheBot();
        rules("{ keyword = spam, require-mention = false, scope = [groups], actions = ["
                + "{ remove-from = Market }, { text = \"{sender} was removed\" } ] }");
        market.member("Dan").says("cheap spam here").expectReply().hasText("Dan was removed");
        Await.until(() -> !market.members().contains("Dan"), "Dan out of the emulator's group");
        assertEquals(List.of("Carol"), market.members());
    }

    @Test
    void aNamedChatThatDoesNotExistIsReportedAtLoadAndAtRunTimeAndTheOtherActionsStillRun() {
        bot.group("Family", "Carol", "Dan");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            rules("{ keyword = news, actions = [{ send-to = Famly, text = \"news from {sender}\" },"
                    + " { text = \"noted\" }] }");
            String atLoad = "rule 1: actions[1].send-to: no chat is named 'Famly'; did you mean Family?";
            assertTrue(HANDLER.warning().orElseThrow().contains(atLoad), HANDLER.warning().toString());
            assertEquals(1, logs.at(Level.WARN).size(), logs.all());
            assertTrue(logs.at(Level.WARN).getFirst().contains(atLoad), logs.all());

            bot.friend("Alice").says("news!").expectReply().hasText("noted");
            bot.friend("Alice").says("more news!").expectReply().hasText("noted");
            List<String> atRunTime = logs.at(Level.WARN).subList(1, logs.at(Level.WARN).size());
            assertEquals(1, atRunTime.size(), "once per rule and name: " + logs.all());
            assertTrue(atRunTime.getFirst().contains(atLoad + "; the action is skipped, the rule's other actions go on"),
                    logs.all());
        }
        rules("{ keyword = news, actions = [{ send-to = Family, text = \"news from {sender}\" }] }");
        assertEquals(java.util.Optional.empty(), HANDLER.warning(), "a good edit clears it");
    }
}
