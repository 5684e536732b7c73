package dev.webwxbot.core.chain;

import java.util.function.Function;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.schedule.Jobs;
import dev.webwxbot.api.event.MessageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of a handler as the chain sees it: a sequence of turns on one virtual thread. The first turn starts
 * with the event; it ends when the handler returns, or when it starts {@link #await waiting} for the sender's next
 * message, so the chat's queue moves on while the thread stays blocked. Each later turn starts when the chain hands
 * the waiting thread a message (or the news that its time ran out), and ends the same way. The chain waits for
 * every turn within the plugin's time budget; nobody waits for the thread between turns. Thread-safe.
 */
final class Conversation {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    /** The person a conversation waits for: their next message in that chat of that account. */
    record Key(String account, String chat, String sender) {
    }

    /** How a turn ended for the chain: the handler returned {@code outcome}, or it {@code waits}. */
    record TurnEnd(Outcome outcome, boolean waits) {
        static final TurnEnd WAITS = new TurnEnd(Outcome.STOP, true);
    }

    /** What wakes a waiting handler. */
    sealed interface Resumption {
    }

    record Answered(MessageEvent message) implements Resumption {
    }

    record TimedOut() implements Resumption {
    }

    record Cancelled(String reason) implements Resumption {
    }

    /** One wait of this conversation; claimed exactly once, by whoever will wake it (message, timeout or cancel). */
    final class Waiting {
        final Predicate<? super MessageEvent> accept;
        final Instant deadline;
        final CompletableFuture<Resumption> slot = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();

        Waiting(Predicate<? super MessageEvent> accept, Instant deadline) {
            this.accept = accept;
            this.deadline = deadline;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        Conversation conversation() {
            return Conversation.this;
        }
    }

    final RegisteredHandler registered;
    final String account;
    final Duration budget;
    private final BotEvent event;
    private final Optional<Key> key;
    private final ChainContext context;
    private final Conversations registry;
    /** The bot of the dispatch that started or last resumed the conversation; a time-out's turn sends through it. */
    private volatile Bot bot;
    private volatile CompletableFuture<TurnEnd> turn = new CompletableFuture<>();
    private volatile Future<?> task;
    private volatile Thread thread;

    Conversation(RegisteredHandler registered, String account, Duration budget, BotEvent event, Bot bot,
                 Conversations registry, Jobs jobs, Function<Contact, Role> roles) {
        this.registered = Objects.requireNonNull(registered, "registered");
        this.account = Objects.requireNonNull(account, "account");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.event = Objects.requireNonNull(event, "event");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.key = event instanceof MessageEvent message
                ? Optional.of(new Key(account, message.chat().userName(), message.sender().userName()))
                : Optional.empty();
        this.bot = bot;
        this.context = new ChainContext(registered.pluginId(), event, bot, account, this, jobs, roles);
    }

    String pluginId() {
        return registered.pluginId();
    }

    MessageHandler handler() {
        return registered.handler();
    }

    Optional<Key> key() {
        return key;
    }

    ChainContext context() {
        return context;
    }

    /** Runs the handler on {@code workers}; returns the end of its first turn. */
    CompletableFuture<TurnEnd> start(ExecutorService workers) {
        CompletableFuture<TurnEnd> first = turn;
        task = workers.submit(this::run);
        return first;
    }

    private void run() {
        thread = Thread.currentThread();
        try {
            Outcome outcome = registered.handler().handle(event, context);
            turn.complete(new TurnEnd(outcome == null ? Outcome.CONTINUE : outcome, false));
        } catch (Throwable failure) {
            // After a cancellation no turn is open: the handler ends, and no one is waiting to hear of it.
            if (!turn.completeExceptionally(new CompletionException(failure))) {
                log.debug("plugin '{}' ({}) ended after its conversation was cancelled: {}", pluginId(),
                        registered.handler().getClass().getSimpleName(), failure.toString());
            }
        }
    }

    /**
     * Ends the current turn for the chain (its budget ran out or the chain is closing): the handler is interrupted,
     * and a wait it starts afterwards is refused.
     */
    void abandon(CompletableFuture<TurnEnd> current) {
        current.completeExceptionally(new CancellationException("the turn is over"));
        Future<?> running = task;
        if (running != null) running.cancel(true);
    }

    /**
     * Hands the waiting handler what it waited for; returns the end of the turn that starts with it.
     *
     * @param bot what the turn sends through: the bot of the dispatch that resumed it; null for a time-out's turn,
     *     which sends through the previous one
     */
    CompletableFuture<TurnEnd> resume(Waiting waiting, Resumption resumption, Bot bot) {
        CompletableFuture<TurnEnd> next = new CompletableFuture<>();
        turn = next;
        Bot through = bot == null ? this.bot : bot;
        this.bot = through;
        context.reopen(through);
        waiting.slot.complete(resumption);
        return next;
    }

    /** {@link dev.webwxbot.api.HandlerContext#awaitNext}, on the handler's thread. */
    Optional<MessageEvent> await(Predicate<? super MessageEvent> accept, Duration timeout) {
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Conversations.LONGEST) > 0) {
            throw new IllegalArgumentException("a conversation waits more than 0 and at most "
                    + Conversations.LONGEST.toHours() + " hours, not " + timeout);
        }
        Key waitFor = key.orElseThrow(() -> new IllegalStateException(
                "only a message's handler can wait for the sender's next message; this is a "
                        + event.getClass().getSimpleName()));
        if (registered.phase() == Phase.MONITOR) {
            throw new IllegalStateException("a monitor only watches; it cannot hold a conversation");
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("awaitNext must be called on the thread the handler was called on");
        }
        Waiting waiting = registry.register(this, waitFor, accept, timeout);
        if (!turn.complete(TurnEnd.WAITS)) {
            registry.withdraw(waiting);
            throw new CancellationException("plugin '" + pluginId() + "' cannot wait: its turn is over");
        }
        return switch (sleepUntilWoken(waiting)) {
            case Answered answered -> Optional.of(answered.message());
            case TimedOut timedOut -> Optional.empty();
            case Cancelled cancelled -> throw new CancellationException(cancelled.reason());
        };
    }

    /**
     * Blocks until someone claims the wait and wakes it. The deadline is the chain's clock's: real time only paces
     * the checks, so a test's clock decides when a wait is over (the chain also checks at every dispatch).
     */
    private Resumption sleepUntilWoken(Waiting waiting) {
        while (true) {
            Duration left = Duration.between(registry.clock().instant(), waiting.deadline);
            try {
                if (left.isNegative() || left.isZero()) {
                    registry.due(waiting);
                    return waiting.slot.get();
                }
                return waiting.slot.get(left.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Real time passed; the chain's clock says whether the deadline did.
            } catch (InterruptedException e) {
                registry.cancel(waiting, "interrupted: the chain is closing");
                Thread.currentThread().interrupt();
                throw new CancellationException("plugin '" + pluginId() + "' was interrupted while waiting");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a conversation's wait failed", e.getCause());
            }
        }
    }
}
