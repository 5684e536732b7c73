package com.example.remind;

import dev.webwxbot.api.*;
import dev.webwxbot.api.command.*;
import dev.webwxbot.api.event.BotEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pf4j.Extension;

/** /remind 10m tea: sends "tea" back to the same chat in ten minutes; without a text, asks for it first. */
@Extension
public final class RemindHandler implements MessageHandler {

    @Override
    public List<Command> commands() {
        return List.of(Command.named("remind").argument(Argument.duration("when")).argument(Argument.rest("text").optional())
                .describedAs("reminds you of something later").runs((call, context) -> {
                    Optional<String> text = call.has("text") ? Optional.of(call.text("text"))
                            : context.ask("remind you of what?", Duration.ofMinutes(2));   // a conversation
                    if (text.isEmpty()) return;   // no answer in time: nothing to remind of
                    Contact chat = call.chat();
                    context.jobs().after("remind-" + UUID.randomUUID(), call.duration("when"),   // a one-shot job
                            run -> run.bot().ifPresent(bot -> bot.sendText(chat, "Reminder: " + text.get())));
                    context.reply("OK, in " + call.duration("when").toString().substring(2).toLowerCase() + ".");   // PT10M: 10m
                }));
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        return Outcome.CONTINUE;   // the command does the work; other plugins see every event
    }
}
