package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rule that runs when the bot's session comes online ({@code on = login}), in a kit whose bot logs in once. */
class LoginRuleTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply")
            .config("""
                    plugins.auto-reply.rules = [
                      { on = login, actions = [{ send-to = filehelper, text = "online" }] }
                    ]""")
            .build();

    @Test
    void theLoginRuleSendsToItsNamedChatWhenTheBotComesOnline() {
        bot.expectMessageTo("filehelper").hasText("online");
    }
}
