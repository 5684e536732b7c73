package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.testkit.Friend;
import dev.webwxbot.testkit.Group;
import dev.webwxbot.testkit.PluginTestKit;
import dev.webwxbot.testkit.ReplyKind;
import dev.webwxbot.testkit.Said;
import dev.webwxbot.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of trigger ({@code on = …}) as the people in the bot's chats meet it, against the emulated WeChat: a
 * message of a kind, a friend request, a member joining or leaving, a revoke, a schedule under a manual clock.
 */
class TriggersInChatsTest {

    /** A Monday, one minute before nine (UTC). */
    private static final Instant MONDAY_0859_UTC = Instant.parse("2026-01-05T08:59:00Z");

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").manualClock(MONDAY_0859_UTC).build();

    private static void rules(String rules) {
        bot.reconfigure("plugins.auto-reply.rules = [" + rules + "]");
    }

    @Test
    void aMessageRuleAnswersTheKindsItNamesAndLeavesOthersAlone() {
        rules("{ on = message, kinds = [image, file], reply = \"thanks {sender}, filed\" }");
        bot.friend("Alice").sendsImage(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}).expectReply()
                .hasText("thanks Alice, filed");
        bot.friend("Alice").sendsFile("notes.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectReply().hasText("thanks Alice, filed");
        bot.friend("Alice").says("hello").expectNoReply();
    }

    @Test
    void aMessageRulesTextMatcherAppliesToTextsOnly() {
        rules("{ on = message, kinds = [text, image], keyword = invoice, reply = \"got it\" }");
        bot.friend("Bob").says("here is the invoice").expectReply().hasText("got it");
        bot.friend("Bob").says("hello").expectNoReply();
        bot.friend("Bob").sendsImage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}).expectReply().hasText("got it");
    }

    @Test
    void aFriendRequestWithTheKeywordIsAcceptedRemarkedAndGreetedAndOneWithoutItIsNot() {
        rules("""
                { on = friend-request, regex = "(?i)code (?P<code>\\\\d+)", actions = [
                    { accept = true, remark = "{nickname} #{code}" }
                    { text = "hi {nickname}, you wrote: {greeting}" }
                ] }""");
        Friend dora = bot.friendRequest("Dora", "hello, code 42").expectAccepted();
        bot.expectMessageTo("Dora").hasText("hi Dora, you wrote: hello, code 42");
        Await.until(() -> bot.contacts().stream().anyMatch(c -> c.nickName().equals("Dora")
                && c.remarkName().equals("Dora #42")), "the remark name the rule gave Dora");
        dora.says("thanks").expectNoReply();
        bot.friendRequest("Eve", "let me in").expectNotAccepted();
    }

    @Test
    void aMemberJoiningIsWelcomedByMentionAndOneLeavingIsSeenOff() {
        Group hikers = bot.group("Hikers", "Carol");
        rules("""
                { on = member-joined, chats = [Hikers], actions = [
                    { text = "welcome {member}, invited by {inviter}", mention = [member] } ] }
                { on = member-left, reply = "{member} left {group}" }""");
        hikers.memberJoins("Zed", "Carol").expectReply().hasText("welcome Zed, invited by Carol").mentions("Zed");
        hikers.memberLeaves("Zed").expectReply().hasText("Zed left Hikers");
        bot.group("Elsewhere", "Carol").memberJoins("Yan").expectNoReply();
    }

    @Test
    void aRevokeIsNoticedInTheChatItHappenedIn() {
        rules("{ on = revoke, reply = \"{sender} took a message back\" }");
        Friend alice = bot.friend("Alice");
        Said oops = alice.says("oops, wrong chat").expectNoReply();
        alice.revokes(oops).expectReply().hasText("Alice took a message back");
    }

    @Test
    void aScheduleRulePostsToItsGroupWhenTheManualClockReachesItsTime() {
        bot.group("Team", "Carol");
        rules("{ on = schedule, cron = \"0 9 * * MON-FRI\", time-zone = UTC, actions = ["
                + "{ send-to = Team, text = \"Good morning, it is {time:EEE HH:mm}\" }] }");
        bot.advanceClock(Duration.ofMinutes(1));
        bot.expectMessageTo("Team").hasText("Good morning, it is Mon 09:00").hasKind(ReplyKind.TEXT);
    }
}
