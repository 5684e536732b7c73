package dev.webwxbot.testkit;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;

/** Listed in the test class path's META-INF/extensions.idx: found by the kit when no handler is given. */
public final class DiscoveredGreeter implements MessageHandler {

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
            context.reply("found by the index: " + text.text());
            return Outcome.STOP;
        }
        return Outcome.CONTINUE;
    }
}
