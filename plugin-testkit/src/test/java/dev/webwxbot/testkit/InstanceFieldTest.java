package dev.webwxbot.testkit;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the kit starts a bot with fresh handlers for every test. */
class InstanceFieldTest {

    @RegisterExtension
    final PluginTestKit bot = PluginTestKit.forPlugin("counter").handlers(new Counter()).build();

    @Test
    void aFirstTestCountsFromOne() {
        bot.friend("Alice").says("count").expectReply().hasText("1");
        bot.friend("Alice").says("count").expectReply().hasText("2");
    }

    @Test
    void aSecondTestCountsFromOneAgain() {
        bot.friend("Alice").says("count").expectReply().hasText("1");
    }

    /** Answers each text with how many it has seen. */
    static final class Counter implements MessageHandler {
        private final AtomicInteger seen = new AtomicInteger();

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
            context.reply(String.valueOf(seen.incrementAndGet()));
            return Outcome.STOP;
        }
    }
}
