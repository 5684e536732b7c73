package com.example.ping;

import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin in a real bot logged in to an emulated WeChat: a friend writes, the test reads the bot's answer. */
class PingHandlerTest {

    // Loads the @Extension handlers of this project with src/main/resources/reference.conf, as the bot would.
    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("ping").build();

    @Test
    void answersTheTriggerWithTheSendersName() {
        bot.friend("Alice").says("ping").expectReply().hasText("Hello Alice, ping here");
    }

    @Test
    void answersInAGroupToo() {
        bot.group("Weekend hikers", "Alice", "Bob").member("Bob").says("ping").expectReply()
                .hasText("Hello Bob, ping here");
    }

    @Test
    void staysSilentOnOtherText() {
        bot.friend("Alice").says("good morning").expectNoReply();
    }

    @Test
    void usesTheAnswerTheOperatorConfigures() {
        bot.reconfigure("plugins.ping.answer = \"ping? yes, {sender}\"");
        bot.friend("Bob").says("ping").expectReply().hasText("ping? yes, Bob");
    }
}
