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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final String account;
    private final BiFunction<BotEvent, Contact, Role> roles;

    ChainContext(String pluginId, BotEvent event, Bot bot) {
        this(pluginId, event, bot, PluginHost.DEFAULT_ACCOUNT, null);
    }

    /** @param roles who has which role; null until the permissions work wires it */
    ChainContext(String pluginId, BotEvent event, Bot bot, String account, BiFunction<BotEvent, Contact, Role> roles) {
        this.pluginId = pluginId;
        this.event = event;
        this.bot = new TurnBot(bot);
        this.account = account;
        this.roles = roles;
    }

    /** The account the event came in on. */
    String account() {
        return account;
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
        // Issue 18 contract branch only: helper H1 (identity and permissions) replaces this with the operator's roles.
        if (roles == null) throw new UnsupportedOperationException("permissions are not wired yet");
        return roles.apply(event, person);
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
