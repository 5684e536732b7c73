package dev.webwxbot.testkit;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.MemberJoined;
import java.util.List;

/** The kit's test plugin "welcomer": greets a member who joins a group by mention, and a new friend directly. */
final class Welcomer implements MessageHandler {

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        switch (event) {
            case MemberJoined joined -> context.reply(new Outgoing.Text("welcome, " + joined.member().displayName(),
                    List.of(joined.member())));
            case ContactAdded added -> context.reply("hello, " + added.contact().displayName());
            default -> {
                return Outcome.CONTINUE;
            }
        }
        return Outcome.STOP;
    }
}
