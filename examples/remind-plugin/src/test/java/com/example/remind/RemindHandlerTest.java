package com.example.remind;

import dev.webwxbot.testkit.PluginTestKit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command in a real bot logged in to an emulated WeChat. The plugin's clock stands still until a test moves it,
 * so a reminder fires when the test says its time has come.
 */
class RemindHandlerTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("remind")
            .manualClock(Instant.parse("2026-01-05T09:00:00Z")).build();

    @Test
    void theReminderComesBackToTheChatWhenItsTimeComes() {
        bot.friend("Dan").says("/remind 10m tea");
        bot.expectMessageTo("Dan").hasText("OK, in 10m.");
        bot.advanceClock(Duration.ofMinutes(10));
        bot.expectMessageTo("Dan").hasText("Reminder: tea");
    }

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
