package dev.webwxbot.plugins.echo;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import org.pf4j.Extension;

/**
 * Replies to a friend's text message with the same text. Ignores groups (answering every group line would be
 * noise) and my own messages (answering those would loop). A last resort: it sits in {@link Phase#FALLBACK}, so
 * every ordinary plugin (an operator's own, auto-reply) answers first, and echo only answers what none of them
 * took. Stateless, so thread-safe.
 */
@Extension
public final class EchoHandler implements MessageHandler {

    /** After every ordinary handler: a bundled demo plugin must never shadow the operator's own. */
    @Override
    public Phase phase() {
        return Phase.FALLBACK;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (event instanceof TextMessage text && !text.envelope().fromSelf() && !text.envelope().inGroup()) {
            context.reply(text.text());
            return Outcome.STOP;
        }
        return Outcome.CONTINUE;
    }
}
