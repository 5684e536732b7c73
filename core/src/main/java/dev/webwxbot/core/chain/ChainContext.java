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
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.schedule.Job;
import dev.webwxbot.api.schedule.JobHandle;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.Jobs;
import dev.webwxbot.core.ForwardingBot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The context one handler gets for one event. Counts the messages it sends (and notes what they quote) for the
 * trace, and once its turn is over (returned, failed, out of time, or waiting in a conversation) refuses further
 * sends, so a late handler cannot answer after the chain moved on; a conversation's next turn opens it again.
 * Thread-safe.
 */
final class ChainContext implements HandlerContext {

    private final String pluginId;
    private final BotEvent event;
    private volatile TurnBot bot;
    private final AtomicInteger sends = new AtomicInteger();
    private volatile SendWaits sendWaits = new SendWaits();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final String account;
    private final List<String> quoted = new CopyOnWriteArrayList<>();
    /** What the handler said of its decision during the current turn ({@link #explain}); empty when nothing. */
    private volatile String explanation = "";
    private final Jobs jobs;
    private final Conversation conversation;
    private final Function<Contact, Role> roles;

    /**
     * @param account the account the event came in on
     * @param jobs the plugin's jobs while it runs under a host; null otherwise
     * @param roles a person's role where {@code event} happened
     */
    ChainContext(String pluginId, BotEvent event, Bot bot, String account, Conversation conversation, Jobs jobs,
                 Function<Contact, Role> roles) {
        this.pluginId = pluginId;
        this.jobs = jobs;
        this.event = event;
        this.bot = new TurnBot(bot);
        this.account = account;
        this.conversation = conversation;
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
    public SendReceipt replyQuoting(String text) {
        if (!(event instanceof MessageEvent received)) {
            throw new IllegalStateException("a " + event.getClass().getSimpleName() + " is no message to quote");
        }
        return reply(Outgoing.quote(received, text));
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public void explain(String why) {
        if (open.get()) explanation = Objects.requireNonNullElse(why, "").strip();
    }

    /** What the handler said of its decision during this turn; empty when nothing. */
    String explanation() {
        return explanation;
    }

    @Override
    public Role roleOf(Contact person) {
        return roles.apply(Objects.requireNonNull(person, "person"));
    }

    @Override
    public Jobs jobs() {
        if (jobs == null) throw new UnsupportedOperationException("plugin '" + pluginId + "' has no scheduled jobs here: "
                + "it does not run under a plugin host");
        return new Jobs() {
            // A job a handler schedules without naming an account is for the account its event came in on: with
            // several accounts online, the job's bot() is then that account's, not empty. It belongs to that
            // account's login (it may hold the login's session names): the account's logout cancels it.
            @Override
            public JobHandle schedule(JobSpec spec, Job job) {
                JobSpec forAccount = spec.account().isPresent() ? spec : spec.forAccount(account);
                if (jobs instanceof PluginJobs hosted) return hosted.scheduleForLogin(forAccount, job, account);
                return jobs.schedule(forAccount, job);
            }

            @Override
            public List<JobHandle> list() {
                return jobs.list();
            }
        };
    }

    @Override
    public Optional<MessageEvent> awaitNext(Predicate<? super MessageEvent> accept, Duration timeout) {
        return conversation.await(accept, timeout);
    }

    int replies() {
        return sends.get();
    }

    /** The ids of the messages this turn's sends quoted, in order. */
    List<String> quoted() {
        return List.copyOf(quoted);
    }

    void close() {
        open.set(false);
    }

    /** How long this turn has waited for its sends up to {@code now}, which its time budget does not count. */
    long sendWaitNanos(long now) {
        return sendWaits.waited(now);
    }

    /**
     * A conversation's next turn begins: sends are allowed again, counted afresh for its trace step, and go through
     * the bot of the dispatch that resumed it.
     */
    void reopen(Bot resumedBy) {
        bot = new TurnBot(resumedBy);
        sends.set(0);
        explanation = "";
        sendWaits = new SendWaits();
        open.set(true);
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
            if (message instanceof Outgoing.Quote quote) quoted.add(quote.quotedMsgId());
            SendWaits waits = sendWaits; // the turn's, even if a next turn begins meanwhile
            waits.began(System.nanoTime());
            try {
                return super.send(chat, message);
            } finally {
                waits.ended(System.nanoTime());
            }
        }

        @Override
        public Result<Void> revoke(SendReceipt.Sent receipt) {
            if (!open.get()) return new Result.Failed<>(FailureReason.REJECTED, 0, refused().detail());
            return super.revoke(receipt);
        }
    }
}
