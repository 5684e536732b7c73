package com.example.ping;

import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ping plugin in chats: its handler and reference.conf, as the jar carries them, in the bot's real chain. */
class PingHandlerTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("ping").build();

    @Test
    void answersPingWithPongAndTheSendersName() {
        bot.friend("Alice").says("ping").expectReply().hasText("pong Alice");
    }

    @Test
    void answersInAGroupToo() {
        bot.group("Weekend hikers", "Alice", "Bob").member("Bob").says("PING").expectReply().hasText("pong Bob");
    }

    @Test
    void leavesOtherMessagesToLaterPlugins() {
        bot.friend("Alice").says("pingpong").expectNoReply();
    }

    @Test
    void usesTheAnswerTheOperatorConfigures() {
        bot.reconfigure("plugins.ping.answer = \"pong, dear {sender}\"");
        bot.friend("Bob").says("ping").expectReply().hasText("pong, dear Bob");
    }
}
