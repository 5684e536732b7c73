package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testkit.PluginTestKit;
import dev.webwxbot.testsupport.CapturedLogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that run when the bot's session comes online ({@code on = login}), and the check of the chats rules name
 * that each login makes; each test starts a bot of its own, so it sees the login.
 */
class LoginRuleTest {

    @Test
    void theLoginRuleSendsToItsNamedChatWhenTheBotComesOnline() {
        try (PluginTestKit bot = PluginTestKit.forPlugin("auto-reply")
                .config("plugins.auto-reply.rules = [{ on = login, actions = [{ send-to = filehelper, text = online }] }]")
                .build()) {
            bot.start();
            bot.expectMessageTo("filehelper").hasText("online");
        }
    }

    @Test
    void aNamedChatMissingAtLoginIsReportedThenSkippedAndTheRulesOtherActionsRun() {
        AutoReplyHandler handler = new AutoReplyHandler();
        try (CapturedLogs logs = CapturedLogs.attach();
             PluginTestKit bot = PluginTestKit.forPlugin("auto-reply").handlers(handler)
                     .config("plugins.auto-reply.rules = [{ on = login, actions = ["
                             + "{ send-to = filehelpr, text = hello }, { send-to = filehelper, text = online }] }]")
                     .build()) {
            bot.start();
            bot.expectMessageTo("filehelper").hasText("online");
            String problem = "rule 1: actions[1].send-to: no chat is named 'filehelpr'; did you mean filehelper?";
            List<String> warnings = logs.at(Level.WARN);
            assertEquals(2, warnings.size(), "the check at login, then the skipped action: " + logs.all());
            assertTrue(warnings.get(0).contains(problem + "; the action will be skipped until such a chat exists"),
                    logs.all());
            assertTrue(warnings.get(1).contains(problem + "; the action is skipped, the rule's other actions go on"),
                    logs.all());
            assertTrue(handler.warning().orElseThrow().contains(problem), handler.warning().toString());
        }
    }
}
