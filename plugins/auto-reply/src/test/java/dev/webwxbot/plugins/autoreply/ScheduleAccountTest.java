package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.testkit.PluginTestKit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schedule rule acts through the account it names ({@code account = …}, an id of webwx-bot.accounts); one naming an
 * account that is not online posts nothing. The kit's bot is the account {@code default}.
 */
class ScheduleAccountTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply")
            .manualClock(Instant.parse("2026-01-05T08:59:00Z")).build();

    @Test
    void aScheduleRulePostsThroughTheAccountItNamesAndNotThroughAnother() {
        bot.group("Team", "Carol");
        bot.reconfigure("plugins.auto-reply.rules = ["
                + "{ on = schedule, cron = \"* * * * *\", account = shop, actions = [{ send-to = Team, text = shop }] }"
                + "{ on = schedule, cron = \"* * * * *\", account = default,"
                + "  actions = [{ send-to = Team, text = \"default {time:HH:mm}\" }] }]");
        bot.advanceClock(Duration.ofMinutes(1));
        bot.expectMessageTo("Team").hasText("default 09:00");
        bot.advanceClock(Duration.ofMinutes(1));
        bot.expectMessageTo("Team").hasText("default 09:01"); // not "shop": that account is not online
    }
}
