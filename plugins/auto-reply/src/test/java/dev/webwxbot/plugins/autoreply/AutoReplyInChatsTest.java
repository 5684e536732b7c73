package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.testkit.Group;
import dev.webwxbot.testkit.PluginTestKit;
import dev.webwxbot.testkit.Reply;
import dev.webwxbot.testkit.ReplyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules as the people in the bot's chats meet them: the plugin as its jar declares it (its handler from the
 * extension index, its reference.conf), each test's rules given as an operator's live edit would.
 */
class AutoReplyInChatsTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").build();

    @TempDir
    Path media;

    private static void rules(String rules) {
        bot.reconfigure("plugins.auto-reply.rules = [" + rules + "]");
    }

    private static Group family() {
        return bot.group("Family", "Carol", "Dan");
    }

    @Test
    void theReferenceConfAloneAnswersNothing() {
        bot.friend("Alice").says("hello").expectNoReply();
    }

    @Test
    void aRuleAnswersAFriendWithTheReferenceDefaultsForWhatItDoesNotSet() {
        rules("{ keyword = hello, reply = \"hi {sender}\" }");
        bot.friend("Alice").says("HELLO there").expectReply().hasText("hi Alice");
        family().member("Carol").says("hello all").expectNoReply();
    }

    @Test
    void inAGroupAMentionIsNeededByDefaultAndIsNotPartOfTheMatchedText() {
        rules("{ exact = help, reply = \"menu: {text}\" }");
        family().member("Carol").says("help").expectNoReply();
        family().member("Carol").saysMentioningBot("help").expectReply().hasText("menu: help");
        family().member("Carol").says("help @Bot").expectReply().hasText("menu: help");
        family().member("Carol").says("@Bot help").expectReply().hasText("menu: help");
    }

    @Test
    void withRequireMentionOffAGroupIsAnsweredWithoutOne() {
        rules("{ keyword = hello, reply = hi, require-mention = false }");
        family().member("Carol").says("hello all").expectReply().hasText("hi");
    }

    @Test
    void friendsScopeIgnoresGroupsAndGroupsScopeIgnoresFriends() {
        rules("{ keyword = hello, reply = hi, scope = [friends] }");
        family().member("Carol").saysMentioningBot("hello").expectNoReply();
        bot.friend("Alice").says("hello").expectReply().hasText("hi");
        rules("{ keyword = hello, reply = hi, scope = [groups] }");
        bot.friend("Alice").says("hello").expectNoReply();
        family().member("Carol").saysMentioningBot("hello").expectReply().hasText("hi");
    }

    @Test
    void namedChatsMatchByNicknameRemarkNameOrWeChatIdIgnoringCase() {
        bot.friend("Bob").remarkedAs("Bobby");
        bot.friend("Alice").withWeChatId("alice_wx");
        Group work = bot.group("Work", "Carol");
        rules("{ keyword = hello, reply = hi, chats = [\"bobby\", \"ALICE_WX\", \"family\"] }");
        bot.friend("Bob").says("hello").expectReply().hasText("hi");
        bot.friend("Alice").says("hello").expectReply().hasText("hi");
        family().member("Carol").saysMentioningBot("hello").expectReply().hasText("hi");
        work.member("Carol").saysMentioningBot("hello").expectNoReply();
    }

    @Test
    void excludedChatsAreNotAnswered() {
        bot.friend("Bob").remarkedAs("Bobby");
        Group work = bot.group("Work", "Carol");
        rules("{ keyword = hello, reply = hi, exclude-chats = [Work, Bobby] }");
        bot.friend("Bob").says("hello").expectNoReply();
        work.member("Carol").saysMentioningBot("hello").expectNoReply();
        family().member("Carol").saysMentioningBot("hello").expectReply().hasText("hi");
    }

    @Test
    void sendersAndExcludedSendersMatchTheNicknameInTheGroupToo() {
        Group club = bot.group("Club", "Erin");
        club.member("Erin").withGroupNickname("Aunt Erin");
        rules("{ keyword = hello, reply = hi, senders = [\"aunt erin\"] }");
        club.member("Erin").saysMentioningBot("hello").expectReply().hasText("hi");
        rules("{ keyword = hello, reply = hi, senders = [Alice] }");
        club.member("Erin").saysMentioningBot("hello").expectNoReply();
        rules("{ keyword = hello, reply = hi, exclude-senders = [Erin] }");
        club.member("Erin").saysMentioningBot("hello").expectNoReply();
    }

    @Test
    void defaultsApplyToEveryRuleAndARuleCanOverrideThem() {
        bot.reconfigure("""
                plugins.auto-reply {
                  defaults { exclude-chats = [Alice], scope = [friends] }
                  rules = [
                    { keyword = hello, reply = one }
                    { keyword = bye, reply = two, exclude-chats = [] }
                  ]
                }""");
        bot.friend("Alice").says("hello").expectNoReply();
        bot.friend("Bob").says("hello").expectReply().hasText("one");
        bot.friend("Alice").says("bye").expectReply().hasText("two");
    }

    @Test
    void answeringStopsTheChainUnlessTheRuleSaysOtherwise() {
        rules("{ keyword = a, reply = b }");
        bot.friend("Alice").says("a").expectTrace("AutoReplyHandler", DispatchTrace.Result.STOPPED);
        rules("{ keyword = a, reply = b, stop = false }");
        Reply reply = bot.friend("Alice").says("a").expectReply().hasText("b");
        assertEquals(DispatchTrace.Result.CONTINUED, bot.lastTrace().steps().getFirst().result());
        assertEquals("auto-reply/AutoReplyHandler", reply.answeredBy());
    }

    @Test
    void theOwnersOwnMessagesAreNeverAnswered() {
        rules("{ regex = \".\", reply = \"loop!\" }");
        bot.friend("Alice").ownerSays("anything").expectNoReply();
        family().ownerSays("anything").expectNoReply();
    }

    @Test
    void severalRepliesGoOutInOrderPicturesAndFilesIncluded() throws Exception {
        byte[] picture = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        byte[] prices = "%PDF prices".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(media.resolve("menu.png"), picture);
        Files.createDirectories(media.resolve("docs"));
        Files.write(media.resolve("docs/prices.pdf"), prices);
        bot.reconfigure("plugins.auto-reply.media-dir = \"" + media.toString().replace("\\", "/") + "\"\n"
                + "plugins.auto-reply.rules = [{ keyword = menu, replies = ["
                + "{ text = \"Here you are, {sender}\" }, { image = \"menu.png\" }, { file = \"docs/prices.pdf\" } ] }]");
        List<Reply> replies = bot.friend("Alice").says("menu?").expectReplies(3);
        replies.get(0).hasText("Here you are, Alice");
        replies.get(1).hasKind(ReplyKind.IMAGE).hasFileName("menu.png").hasBytes(picture);
        replies.get(2).hasKind(ReplyKind.FILE).hasFileName("prices.pdf").hasBytes(prices);
    }

    @Test
    void anAbsolutePathIsSentAsWritten(@TempDir Path elsewhere) throws Exception {
        byte[] photo = {1, 2, 3, 4};
        Path file = Files.write(elsewhere.resolve("Photo.JPG"), photo);
        rules("{ keyword = pic, replies = [{ image = \"" + file.toString().replace("\\", "/") + "\" }] }");
        bot.friend("Alice").says("pic").expectReply().hasKind(ReplyKind.IMAGE).hasFileName("Photo.JPG").hasBytes(photo);
    }
}
