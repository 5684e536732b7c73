package com.example.ping;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import org.pf4j.Extension;

/** Answers the text plugins.ping.trigger with plugins.ping.answer, {sender} replaced by the sender's name. */
@Extension
public final class PingHandler implements MessageHandler {

    private record Settings(String trigger, String answer) {}

    private volatile Settings settings;

    @Override
    public void configure(PluginSettings block) {   // the operator's plugins.ping block over reference.conf
        String trigger = block.string("trigger").strip();
        if (trigger.isEmpty()) throw block.invalid("trigger", "must not be empty");
        settings = new Settings(trigger, block.string("answer"));
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        Settings current = settings;
        if (event instanceof TextMessage text && !text.envelope().fromSelf()
                && text.text().strip().equalsIgnoreCase(current.trigger())) {
            context.reply(current.answer().replace("{sender}", text.sender().displayName()));
            return Outcome.STOP;   // answered: later plugins do not see it
        }
        return Outcome.CONTINUE;
    }
}
