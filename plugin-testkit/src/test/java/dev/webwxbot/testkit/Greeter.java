package dev.webwxbot.testkit;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import java.util.List;

/**
 * The kit's test plugin "greeter": answers "hello" with its greeting and the sender's name, in a group only when
 * mentioned (and mentioning the sender back); lets everything else pass. Its greeting must not be empty.
 */
final class Greeter implements MessageHandler {

    private volatile String greeting;

    @Override
    public void configure(PluginSettings settings) {
        String value = settings.string("greeting");
        if (value.isBlank()) throw settings.invalid("greeting", "must not be empty");
        greeting = value;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
        if (!text.text().strip().endsWith("hello")) return Outcome.CONTINUE;
        String answer = greeting + " " + text.sender().displayName();
        if (text.envelope().inGroup()) {
            if (!text.envelope().mentionsMe()) return Outcome.CONTINUE;
            context.reply(new Outgoing.Text(answer, List.of(text.sender())));
        } else {
            context.reply(answer);
        }
        return Outcome.STOP;
    }
}
