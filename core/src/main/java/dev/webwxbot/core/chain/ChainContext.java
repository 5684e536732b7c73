package dev.webwxbot.core.chain;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
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

    ChainContext(String pluginId, BotEvent event, Bot bot) {
        this.pluginId = pluginId;
        this.event = event;
        this.bot = new TurnBot(bot);
    }

    @Override
    public Bot bot() {
        return bot;
    }

    @Override
    public SendReceipt reply(Outgoing message) {
        if (!(event instanceof MessageEvent received)) {
            throw new IllegalStateException("a " + event.getClass().getSimpleName() + " has no chat to reply to");
        }
        return bot.send(received.chat(), message);
    }

    @Override
    public String pluginId() {
        return pluginId;
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
    private final class TurnBot implements Bot {
        private final Bot delegate;

        TurnBot(Bot delegate) {
            this.delegate = delegate;
        }

        @Override
        public Contact self() {
            return delegate.self();
        }

        @Override
        public Contacts contacts() {
            return delegate.contacts();
        }

        @Override
        public SendReceipt send(Contact chat, Outgoing message) {
            if (!open.get()) return refused();
            sends.incrementAndGet();
            return delegate.send(chat, message);
        }

        @Override
        public Result<Void> revoke(SendReceipt.Sent receipt) {
            if (!open.get()) return new Result.Failed<>(FailureReason.REJECTED, 0, refused().detail());
            return delegate.revoke(receipt);
        }

        @Override
        public Result<Path> download(MessageEvent message, Path directory) {
            return delegate.download(message, directory);
        }

        @Override
        public Result<Path> downloadThumbnail(MessageEvent message, Path directory) {
            return delegate.downloadThumbnail(message, directory);
        }

        @Override
        public Result<Path> downloadHeadImage(Contact contact, Path directory) {
            return delegate.downloadHeadImage(contact, directory);
        }

        @Override
        public AccountOperations account() {
            return delegate.account();
        }
    }
}
