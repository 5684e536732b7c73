package com.example.remind;

import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command in a real bot logged in to an emulated WeChat. The kit runs no scheduled jobs (it has no clock to move
 * either), so these tests stop before a reminder is scheduled; the bot's own tests fire one under a manual clock.
 */
class RemindHandlerTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("remind").build();

    @Test
    void aTimeThatIsNoDurationIsAnsweredWithTheUsage() {
        bot.friend("Alice").says("/remind soon tea").expectReply().hasTextContaining("Usage: /remind <when> [text...]");
    }

    @Test
    void aCallWithoutTimeIsAnsweredWithTheUsage() {
        bot.friend("Bob").says("/remind").expectReply().hasTextContaining("<when> is missing");
    }

    @Test
    void withoutATextItAsksWhatToRemindOf() {
        bot.friend("Carol").says("/remind 10m").expectReply().hasText("remind you of what?");
    }
}
