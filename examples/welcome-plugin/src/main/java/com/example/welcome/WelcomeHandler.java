package com.example.welcome;

import dev.webwxbot.api.*;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MemberJoined;
import java.util.List;
import org.pf4j.Extension;

/** Welcomes whoever joins a group: @-mentions them with plugins.welcome.greeting ({member}, {group} filled in). */
@Extension
public final class WelcomeHandler implements MessageHandler {

    private volatile String greeting;

    @Override
    public void configure(PluginSettings settings) {   // the operator's plugins.welcome block over reference.conf
        greeting = settings.string("greeting");
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (event instanceof MemberJoined joined && joined.member().kind() != ContactKind.SELF) {
            String text = greeting.replace("{member}", joined.member().displayName())
                    .replace("{group}", joined.group().displayName());
            context.reply(new Outgoing.Text(text, List.of(joined.member())));   // replies go to the group
        }
        return Outcome.CONTINUE;   // other plugins see the event too
    }
}
