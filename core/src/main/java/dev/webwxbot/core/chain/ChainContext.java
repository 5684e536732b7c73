package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.ForwardingBot;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The context one handler gets for one event. Counts the messages it sends for the trace, and once its turn is
 * over (returned, failed or out of time) refuses further sends, so a late handler cannot answer after the chain
 * moved on. Thread-safe.
 */
final class ChainContext implements HandlerContext {

    private final String pluginId;
    private final BotEvent event;
    private final TurnBot bot;
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Function<Contact, Role> roles;

    /** @param roles a person's role where {@code event} happened */
    ChainContext(String pluginId, BotEvent event, Bot bot, Function<Contact, Role> roles) {
        this.pluginId = pluginId;
        this.event = event;
        this.bot = new TurnBot(bot);
        this.roles = roles;
    }

    @Override
    public Bot bot() {
        return bot;
    }

    @Override
    public SendReceipt reply(Outgoing message) {
        Contact chat = ChatScope.chatOf(event).orElseThrow(() ->
                new IllegalStateException("a " + event.getClass().getSimpleName() + " has no chat to reply to"));
        return bot.send(chat, message);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public Role roleOf(Contact person) {
        return roles.apply(Objects.requireNonNull(person, "person"));
    }

    int replies() {
        return sends.get();
    }

    void close() {
        open.set(false);
    }

    private SendReceipt.Failed refused() {
        return new SendReceipt.Failed(FailureReason.REJECTED, 0,
                "plugin '" + pluginId + "' sent after its turn ended (time budget exceeded or handler returned)");
    }

    /** The session's bot, with sends counted and refused after the turn. */
    private final class TurnBot extends ForwardingBot {

        TurnBot(Bot delegate) {
            super(delegate);
        }

        @Override
        public SendReceipt send(Contact chat, Outgoing message) {
            if (!open.get()) return refused();
            sends.incrementAndGet();
            return super.send(chat, message);
        }

        @Override
        public Result<Void> revoke(SendReceipt.Sent receipt) {
            if (!open.get()) return new Result.Failed<>(FailureReason.REJECTED, 0, refused().detail());
            return super.revoke(receipt);
        }
    }
}
