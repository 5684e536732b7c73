package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.testkit.Friend;
import dev.webwxbot.testkit.Group;
import dev.webwxbot.testkit.PluginTestKit;
import dev.webwxbot.testkit.Reply;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seeds' flow with the shipped example config/auto-reply.group-helper.example.conf, end to end against the
 * emulated WeChat: a stranger's friend request with the keyword is accepted (one without it is not), the new
 * friend's keyword brings them into the group, and the bot welcomes them there by @-mention.
 */
class GroupHelperExampleTest {

    private static final Path EXAMPLE = Path.of("../../config/auto-reply.group-helper.example.conf");
    private static final String GROUP = "Youth fed the dog";

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").build();

    @Test
    void aStrangerWithTheKeywordIsAcceptedBroughtIntoTheGroupAndWelcomedByMention() throws Exception {
        Group group = bot.group(GROUP, "Carol", "Dan");
        bot.reconfigure("plugins.auto-reply {\n" + Files.readString(EXAMPLE) + "\n}");

        bot.friendRequest("Eve", "hi, add me").expectNotAccepted();

        Friend dora = bot.friendRequest("Dora", "saw your QR code: Aidog").expectAccepted();
        bot.expectMessageTo("Dora").hasText("Hello Dora! Reply Aidog to join the group Youth fed the dog.");
        Await.until(() -> bot.contacts().stream().anyMatch(c -> c.nickName().equals("Dora")
                && c.remarkName().equals("Dora (Aidog)")), "the remark name the example gives a new friend");

        dora.says("Aidog").expectReply().hasText("Welcome aboard! See you in Youth fed the dog.");
        Reply welcome = group.expectJoined("Dora").expectReply()
                .hasText("Welcome Dora! Please read the group notice.").mentions("Dora");
        assertEquals(List.of("Carol", "Dan", "Dora"), group.members(), "the emulator's view of the group");
        assertTrue(welcome.sentMessage().content().startsWith("@Dora\u2005"), welcome.sentMessage().content());
        assertTrue(welcome.sentMessage().msgSource().contains("<atusername>"), welcome.sentMessage().msgSource());
    }
}
