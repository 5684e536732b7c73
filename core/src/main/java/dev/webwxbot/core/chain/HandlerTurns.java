package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handlers' turns for the chain: a handler called with an event on a worker thread, or a waiting
 * conversation's next turn, each within its plugin's time budget, and says how the turn went as a trace step. A
 * handler that throws or runs out of time is logged once and counted against its plugin ({@link PluginHealth}); a
 * late one is interrupted, and what it sends afterwards refused. Thread-safe.
 */
final class HandlerTurns {

    /** The chain's logger: operators find a failing plugin where they always did. */
    private static final Logger log = LoggerFactory.getLogger(PluginChain.class);

    private final ExecutorService workers;
    private final Conversations conversations;
    private final PluginHealth health;

    HandlerTurns(ExecutorService workers, Conversations conversations, PluginHealth health) {
        this.workers = workers;
        this.conversations = conversations;
        this.health = health;
    }

    /**
     * Calls the link's handler with {@code event} and waits for the end of its first turn.
     *
     * @param jobs the plugin's jobs, for its context; null when it has none
     * @param roles a person's role where {@code event} happened
     */
    DispatchTrace.Step start(PluginChain.Link link, Duration budget, BotEvent event, Bot bot, String account,
                             PluginJobs jobs, Function<Contact, Role> roles) {
        RegisteredHandler registered = link.registered();
        Conversation conversation = new Conversation(registered, account, budget, event, bot, conversations, jobs, roles);
        health.turnStarted(registered.pluginId());
        long start = System.nanoTime();
        CompletableFuture<Conversation.TurnEnd> turn;
        try {
            turn = conversation.start(workers);
        } catch (RejectedExecutionException e) {
            conversation.context().close();
            return new DispatchTrace.Step(registered.pluginId(), registered.handler().getClass().getSimpleName(),
                    DispatchTrace.Result.FAILED, 0, Duration.ofNanos(System.nanoTime() - start), "the chain is closing");
        }
        return finish(conversation, turn, event, start, false);
    }

    /**
     * Wakes a waiting conversation with {@code resumption} and waits for the end of the turn that starts with it.
     *
     * @param message the message it was given, for the logs; null for a wait that ran out of time
     * @param bot what the turn sends through; null to keep the previous turn's
     */
    DispatchTrace.Step resume(Conversation.Waiting waiting, Conversation.Resumption resumption, BotEvent message,
                              Bot bot) {
        Conversation conversation = waiting.conversation();
        health.turnStarted(conversation.pluginId());
        long start = System.nanoTime();
        return finish(conversation, conversation.resume(waiting, resumption, bot), message, start, true);
    }

    /**
     * The turn's end, waited for until its budget is spent; time the handler spends waiting for its own sends
     * ({@link SendWaits}) extends the budget.
     *
     * @throws TimeoutException when the budget is spent
     */
    private static Conversation.TurnEnd awaitWithinBudget(CompletableFuture<Conversation.TurnEnd> turn,
                                                          ChainContext context, long start, Duration budget)
            throws TimeoutException, ExecutionException, InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long left = start + budget.toNanos() + context.sendWaitNanos(now) - now;
            if (left <= 0) throw new TimeoutException();
            try {
                return turn.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look again: a send in progress has moved the end of the budget since
            }
        }
    }

    /**
     * Waits for the end of one turn of {@code conversation} within its budget and says how it went.
     *
     * @param event what the turn is about, for the logs; null for a wait that ran out of time
     * @param resumed whether the turn continues a conversation rather than starting the handler
     */
    private DispatchTrace.Step finish(Conversation conversation, CompletableFuture<Conversation.TurnEnd> turn,
                                      BotEvent event, long start, boolean resumed) {
        String pluginId = conversation.pluginId();
        String handlerName = conversation.handler().getClass().getSimpleName();
        String eventKind = event == null ? "the end of a conversation's wait" : event.getClass().getSimpleName();
        Duration budget = conversation.budget;
        DispatchTrace.Result result;
        String detail = "";
        boolean closing = false;
        boolean abandoned = false;
        try {
            Conversation.TurnEnd ended = awaitWithinBudget(turn, conversation.context(), start, budget);
            if (resumed) {
                result = DispatchTrace.Result.TAKEN_BY_CONVERSATION;
                detail = ended.waits() ? "the conversation goes on: it waits for the next message"
                        : "the conversation ended";
            } else if (ended.waits()) {
                result = DispatchTrace.Result.AWAITING;
                detail = "waits for the sender's next message";
            } else {
                boolean stops = ended.outcome() == Outcome.STOP && conversation.registered.phase() != Phase.MONITOR;
                result = stops ? DispatchTrace.Result.STOPPED : DispatchTrace.Result.CONTINUED;
            }
        } catch (TimeoutException e) {
            abandoned = true;
            result = DispatchTrace.Result.TIMED_OUT;
            detail = "exceeded its time budget of " + budget.toMillis() + " ms";
            log.warn("plugin '{}' ({}) {} on {}; the chain went on without it", pluginId, handlerName, detail, eventKind);
            health.timedOut(pluginId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = DispatchTrace.Result.FAILED;
            if (cause instanceof CancellationException) {
                // Its conversation was cancelled (the plugin is leaving the chain): no verdict on the plugin.
                detail = "cancelled: " + cause.getMessage();
                closing = true;
                log.debug("plugin '{}' ({}) on {}: {}", pluginId, handlerName, eventKind, detail);
            } else {
                detail = cause.toString();
                log.warn("plugin '{}' ({}) failed on {}: {}", pluginId, handlerName, eventKind, cause.toString(), cause);
                health.threw(pluginId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            result = DispatchTrace.Result.FAILED;
            detail = "interrupted: the chain is closing";
            closing = true;
        } finally {
            // The context is valid only during the turn (a conversation's next turn opens it again); closed before
            // a late handler is interrupted, so whatever it sends on its way out is refused.
            conversation.context().close();
            if (abandoned) conversation.abandon(turn);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String explained = conversation.context().explanation();
        if (!explained.isEmpty() && result != DispatchTrace.Result.FAILED && result != DispatchTrace.Result.TIMED_OUT) {
            detail = detail.isEmpty() ? explained : explained + "; " + detail;
        }
        // A turn cut short by the chain closing is no verdict on the plugin: not reported (nor counted as failed).
        if (!closing) {
            health.turnEnded(pluginId, took, result == DispatchTrace.Result.FAILED || result == DispatchTrace.Result.TIMED_OUT);
        }
        return new DispatchTrace.Step(pluginId, handlerName, result, conversation.context().replies(), took, detail,
                conversation.context().quoted());
    }
}
