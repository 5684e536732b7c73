package com.example.ping;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import org.pf4j.Extension;

/** Answers "ping" with the configured answer, {sender} replaced by the name of whoever sent it. */
@Extension
public final class PingHandler implements MessageHandler {

    private volatile String answer;

    @Override
    public void configure(PluginSettings settings) {
        String value = settings.string("answer");   // plugins.ping.answer, default in reference.conf
        if (value.isBlank()) throw settings.invalid("answer", "must not be empty");
        answer = value;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (event instanceof TextMessage text && !text.envelope().fromSelf()
                && text.text().strip().equalsIgnoreCase("ping")) {
            context.reply(answer.replace("{sender}", text.sender().displayName()));
            return Outcome.STOP;   // answered: later plugins do not see it
        }
        return Outcome.CONTINUE;
    }
}
