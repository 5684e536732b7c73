package dev.webwxbot.testkit;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.PluginRuntime;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.TextMessage;
import java.util.List;

/**
 * The kit's test plugin "doorkeeper": accepts friend requests that say "please", notes revokes, brings a friend who
 * writes "join" or "invite me" into the group "Club" (added at once, or invited), and posts "tick" to filehelper every
 * hour of its runtime's clock.
 */
final class Doorkeeper implements MessageHandler {

    @Override
    public void start(PluginRuntime runtime) {
        runtime.jobs().cron("tick", "0 * * * *", run -> run.bot().ifPresent(bot ->
                bot.sendText(bot.contacts().findExact("filehelper").getFirst(), "tick at " + run.scheduledFor())));
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        switch (event) {
            case FriendRequest request when request.greeting().contains("please") ->
                    context.bot().account().acceptFriendRequest(request);
            case RevokeNotice revoke -> context.reply("seen: " + revoke.sender().displayName() + " took one back");
            case TextMessage text when text.text().equals("join") || text.text().equals("invite me") -> {
                Contact club = context.bot().contacts().findExact("Club").getFirst();
                if (text.text().equals("join")) {
                    context.bot().account().addMembers(club, List.of(text.sender()));
                } else {
                    context.bot().account().inviteMembers(club, List.of(text.sender()));
                }
            }
            default -> {
                return Outcome.CONTINUE;
            }
        }
        return Outcome.STOP;
    }
}
