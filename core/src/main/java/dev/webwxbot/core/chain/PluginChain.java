package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.PausedChat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every event through the handlers in order (see {@link ChainOrder}): guard, main and fallback handlers until
 * one stops the chain, then the monitors, which always see the event. Each plugin hears only the chats of its
 * scope. A message reaches a handler only when its sender has the role the handler requires (the operator's
 * {@link Permissions}); a blocked sender's messages reach monitors only. Such a skip is silent: traced as
 * {@code DENIED} and logged once per sender and plugin.
 *
 * <p>Isolation: handlers run on virtual threads, off the network event loop, each within a time budget. A handler
 * that throws or exceeds its budget is logged once with its plugin id, counted, and the chain goes on without
 * waiting for it; a late handler is interrupted and whatever it sends after its budget is refused (a later
 * handler may already have answered). A plugin that fails {@code breakerThreshold} times within the window is
 * disabled by its circuit breaker until it is enabled again.
 *
 * <p>Events of one chat are handled one at a time in arrival order; different chats proceed in parallel. Every
 * dispatch leaves a {@link DispatchTrace}; the most recent ones are kept. One chain serves every account of the
 * daemon: an event is dispatched for an account, plugins scoped to other accounts skip it, and the chats of
 * different accounts are different chats. Thread-safe; {@link #close()} waits briefly for running handlers.
 *
 * <p>Conversations: a handler that waits for the sender's next message ({@code HandlerContext.awaitNext}) ends its
 * turn there (traced {@code AWAITING}, the chain stops as after {@code STOP}) and its thread waits off the chat's
 * queue. That person's next message in that chat which the conversation accepts is handed to it before the first
 * handler that is not a guard, as a new turn of the waiting handler within its budget (traced
 * {@code TAKEN_BY_CONVERSATION}); later handlers skip it, monitors see it. A wait that runs out of time gets a turn
 * of its own in the chat's queue. See {@link Conversations} for the bound per plugin and for cancellation: a plugin
 * leaving the chain (disabled, reloaded, unloaded, tripped) or the chain closing wakes its waits with a
 * cancellation.
 */
public final class PluginChain implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginChain.class);

    /**
     * A handler with what the chain needs to know to run it.
     *
     * @param registered the handler, its plugin, phase and effective priority
     * @param scope the chats the plugin hears
     * @param timeBudget the plugin's own budget; empty for the chain's default
     * @param disabledReason why the plugin is off; empty when it runs
     * @param accounts the accounts the plugin serves; empty for all
     * @param role the operator's {@code role} for the plugin; empty for what the handler declares
     */
    record Link(RegisteredHandler registered, ChatScope scope, Optional<Duration> timeBudget, String disabledReason,
                Set<String> accounts, Optional<Role> role) {
        Link {
            Objects.requireNonNull(registered, "registered");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(timeBudget, "timeBudget");
            Objects.requireNonNull(disabledReason, "disabledReason");
            accounts = Set.copyOf(accounts);
            Objects.requireNonNull(role, "role");
        }

        /** A link with the handler's own role. */
        Link(RegisteredHandler registered, ChatScope scope, Optional<Duration> timeBudget, String disabledReason,
             Set<String> accounts) {
            this(registered, scope, timeBudget, disabledReason, accounts, Optional.empty());
        }

        /** The least role a sender needs: the operator's, else the handler's declaration. */
        Role requiredRole() {
            return role.orElseGet(() -> registered.handler().requiredRole());
        }

        /** A link serving every account. */
        Link(RegisteredHandler registered, ChatScope scope, Optional<Duration> timeBudget, String disabledReason) {
            this(registered, scope, timeBudget, disabledReason, Set.of());
        }

        boolean serves(String account) {
            return accounts.isEmpty() || accounts.contains(account);
        }

        static Link active(RegisteredHandler registered) {
            return new Link(registered, ChatScope.EVERYWHERE, Optional.empty(), "");
        }
    }

    /** What the chain counted for one plugin. */
    record Counters(long handled, long failures, long timeouts) {
    }

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<String, CompletableFuture<?>> chatTails = new ConcurrentHashMap<>();
    private final TraceLog traces;
    /** The jobs of a running plugin, for its handlers' contexts (null when it has none): set by the host. */
    private volatile Function<String, PluginJobs> jobsOf = pluginId -> null;
    private volatile ChainSettings settings;
    private volatile List<Link> links = List.of();
    private final Conversations conversations;
    private final ChainPermissions permissions = new ChainPermissions();
    private final PluginHealth health;
    private final HandlerTurns turns;
    private final CommandStage commands = new CommandStage();
    /** Each account's paused chats (a session's {@code pauses()}); none until the host is told. */
    private volatile Function<String, ChatPauses> pauses = account -> ChatPauses.NONE;

    /** A chain of these handlers in their declared order, with the default settings, hearing every chat. */
    public PluginChain(List<RegisteredHandler> handlers) {
        this(ChainSettings.defaults(), (pluginId, reason) -> { });
        install(handlers.stream().map(Link::active).toList());
    }

    /**
     * @param onTripped told (plugin id, reason) when a plugin's circuit breaker trips, once per trip
     */
    PluginChain(ChainSettings settings, BiConsumer<String, String> onTripped) {
        this(settings, onTripped, ChainMonitor.NONE);
    }

    /**
     * @param onTripped told (plugin id, reason) when a plugin's circuit breaker trips, once per trip
     * @param monitor told of every handler turn and breaker change
     */
    /** Where handlers' contexts find their plugin's jobs ({@link ChainContext#jobs()}). */
    void jobsOf(Function<String, PluginJobs> lookup) {
        jobsOf = Objects.requireNonNull(lookup, "lookup");
    }

    PluginChain(ChainSettings settings, BiConsumer<String, String> onTripped, ChainMonitor monitor) {
        this(settings, onTripped, monitor, Clock.systemUTC(), Conversations.DEFAULT_LIMIT);
    }

    /**
     * @param clock what conversations measure their time-outs by
     * @param conversationLimit how many conversations one plugin may have waiting at once
     */
    PluginChain(ChainSettings settings, BiConsumer<String, String> onTripped, ChainMonitor monitor, Clock clock,
                int conversationLimit) {
        this.conversations = new Conversations(clock, conversationLimit, this::timedOut);
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(onTripped, "onTripped");
        this.health = new PluginHealth(() -> this.settings, Objects.requireNonNull(monitor, "monitor"),
                (pluginId, reason) -> {
                    onTripped.accept(pluginId, reason);
                    conversations.cancelPlugin(pluginId, "plugin '" + pluginId + "' was disabled: " + reason);
                });
        this.turns = new HandlerTurns(workers, conversations, health);
        this.traces = new TraceLog(settings.traceCapacity());
    }

    /** Replaces the handlers; events already running finish with the old ones. */
    void install(List<Link> newLinks) {
        List<Link> sorted = new ArrayList<>(commands.withCommands(newLinks, settings.order()));
        sorted.sort(Comparator.comparing(Link::registered, ChainOrder.comparator(settings.order())));
        links = List.copyOf(sorted);
        // A plugin out of the chain (or reloaded: new handler instances) must not keep a conversation waiting.
        Set<MessageHandler> enabled = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, String> why = new HashMap<>();
        for (Link link : sorted) {
            String pluginId = link.registered().pluginId();
            if (link.disabledReason().isEmpty()) enabled.add(link.registered().handler());
            else why.put(pluginId, "plugin '" + pluginId + "' was disabled: " + link.disabledReason());
        }
        conversations.retain(enabled, id -> why.getOrDefault(id, "plugin '" + id + "' was unloaded or reloaded"));
    }

    /** The conversations waiting in this chain. */
    Conversations conversations() {
        return conversations;
    }

    /** New order, budgets and breaker settings; breakers that have not tripped start counting afresh. */
    void settings(ChainSettings newSettings) {
        settings = Objects.requireNonNull(newSettings, "settings");
        traces.capacity(newSettings.traceCapacity());
        health.settingsChanged();
        install(links);
    }

    /** Where each account's paused chats are found: their messages reach guards and monitors only. */
    void pauses(Function<String, ChatPauses> byAccount) {
        pauses = Objects.requireNonNull(byAccount, "byAccount");
    }

    /** The operator's roles, per account; events already running keep the ones they started with. */
    void permissions(Function<String, Permissions> byAccount) {
        permissions.set(byAccount);
    }

    /** A new command prefix; the command links are built again with it. */
    void commandSettings(CommandSettings newSettings) {
        commands.settings(newSettings);
        install(links);
    }

    /** Every name that reaches a command now, {@code help} included; empty while no plugin declares one. */
    Set<String> commandNames() {
        return commands.names();
    }

    CommandSettings commandSettings() {
        return commands.settings();
    }

    /** Closes a plugin's circuit breaker, so it runs again. */
    void resetBreaker(String pluginId) {
        health.resetBreaker(pluginId);
    }

    boolean tripped(String pluginId) {
        return health.tripped(pluginId);
    }

    Counters counters(String pluginId) {
        return health.counters(pluginId);
    }

    /** The handlers in the order they run, enabled or not; the links that run commands are not handlers. */
    public List<RegisteredHandler> handlers() {
        return links.stream().filter(link -> !CommandStage.isCommandLink(link)).map(Link::registered).toList();
    }

    /** The most recent traces, oldest first; with a chat name, only that chat's. */
    public List<DispatchTrace> recentTraces(Optional<String> chat) {
        return traces.recent(chat, Optional.empty());
    }

    /** The most recent traces, oldest first; only that chat's and that account's where given. */
    List<DispatchTrace> recentTraces(Optional<String> chat, Optional<String> account) {
        return traces.recent(chat, account);
    }

    /**
     * Queues the event behind earlier events of the same chat and returns at once; the trace completes when every
     * handler had its turn. Safe to call from the network event loop. After {@link #close()} events are dropped
     * (an empty trace), since the bot is shutting down. The event counts as the account
     * {@value PluginHost#DEFAULT_ACCOUNT}'s.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        return dispatch(event, bot, PluginHost.DEFAULT_ACCOUNT);
    }

    /** As {@link #dispatch(BotEvent, Bot)}, for the account {@code account}. */
    CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot, String account) {
        Objects.requireNonNull(account, "account");
        if (workers.isShutdown()) {
            log.debug("chain closed; {} not dispatched", event.getClass().getSimpleName());
            return CompletableFuture.completedFuture(new DispatchTrace(event, Instant.now(), List.of(), account));
        }
        conversations.expireDue();
        String chat = chatKey(account, ChatScope.chatOf(event).map(Contact::userName).orElse(""));
        CompletableFuture<DispatchTrace> trace = inChatQueue(chat, () -> run(event, bot, account));
        // The chain may close between the check above and the turn's start: the event is dropped as it is after
        // close, not reported as a failure.
        return trace.exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof RejectedExecutionException)) throw new CompletionException(cause);
            log.debug("chain closed; {} not dispatched", event.getClass().getSimpleName());
            return new DispatchTrace(event, Instant.now(), List.of(), account);
        });
    }

    /** One queue per chat of each account: two accounts' user names are unrelated, even when equal. */
    private static String chatKey(String account, String chatUserName) {
        return account + '\n' + chatUserName;
    }

    /** Runs {@code task} on a worker after everything queued for the chat so far. */
    private <T> CompletableFuture<T> inChatQueue(String chat, Supplier<T> task) {
        @SuppressWarnings("unchecked")
        CompletableFuture<T>[] queued = new CompletableFuture[1];
        chatTails.compute(chat, (key, tail) -> {
            CompletableFuture<?> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            queued[0] = previous.handle((ignored, failure) -> null).thenApplyAsync(ignored -> task.get(), workers);
            return queued[0];
        });
        // Outside compute: the callback may run at once, and must not modify the map from inside compute.
        CompletableFuture<T> turn = queued[0];
        turn.whenComplete((result, failure) -> chatTails.remove(chat, turn));
        return turn;
    }

    private DispatchTrace run(BotEvent event, Bot bot, String account) {
        Instant at = Instant.now();
        List<DispatchTrace.Step> steps = new ArrayList<>();
        boolean stopped = false;
        Permissions granted = permissions.of(account);
        Role[] senderRole = new Role[1]; // worked out once, when the first handler that cares asks
        boolean offered = false;
        Taken taken = null;
        boolean placed = false;
        List<Link> current = links;
        Optional<PausedChat> pause = pauseOf(event, account);
        if (pause.isPresent()) offered = true; // a paused chat's message is no conversation's answer either
        for (int i = 0; i < current.size(); i++) {
            Link link = current.get(i);
            RegisteredHandler registered = link.registered();
            // A waiting conversation takes its message after the guards (they may still veto it), before the rest.
            if (!offered && !stopped && registered.phase() != Phase.GUARD) {
                offered = true;
                taken = offerToConversation(event, bot, account).orElse(null);
                if (taken != null) {
                    stopped = true;
                    // Its step stands in the place of its handler's, so each handler has one step in chain order.
                    if (!laterIn(current, i, taken.handler())) {
                        steps.add(taken.step());
                        placed = true;
                    }
                }
            }
            if (taken != null && !placed && registered.handler() == taken.handler()) {
                steps.add(taken.step());
                placed = true;
                continue;
            }
            String handlerName = registered.handler().getClass().getSimpleName();
            boolean monitor = registered.phase() == Phase.MONITOR;
            DispatchTrace.Result skipped = null;
            String detail = "";
            if (!link.disabledReason().isEmpty()) {
                skipped = DispatchTrace.Result.DISABLED;
                detail = link.disabledReason();
            } else if (tripped(registered.pluginId())) {
                skipped = DispatchTrace.Result.DISABLED;
                detail = "circuit breaker open after " + health.describeBreaker(registered.pluginId());
            } else if (pause.isPresent() && !monitor && registered.phase() != Phase.GUARD) {
                skipped = DispatchTrace.Result.PAUSED;
                detail = pause.get().cause() + ": " + pause.get().explanation();
            } else if (stopped && !monitor) {
                skipped = DispatchTrace.Result.SKIPPED_AFTER_STOP;
            } else if (!link.serves(account)) {
                skipped = DispatchTrace.Result.SKIPPED_BY_SCOPE;
                detail = "not for account " + account;
            } else if (!link.scope().admits(event, bot)) {
                skipped = DispatchTrace.Result.SKIPPED_BY_SCOPE;
            } else if (event instanceof MessageEvent message
                    && (link.requiredRole() != Role.ANYONE || !granted.blocked().isEmpty())) {
                if (senderRole[0] == null) senderRole[0] = Roles.of(message.sender(), event, bot, granted);
                detail = permissions.denial(link, message, senderRole[0], bot, account);
                if (!detail.isEmpty()) skipped = DispatchTrace.Result.DENIED;
            }
            if (skipped != null) {
                steps.add(new DispatchTrace.Step(registered.pluginId(), handlerName, skipped, 0, Duration.ZERO, detail));
                continue;
            }
            DispatchTrace.Step step = turns.start(link, link.timeBudget().orElse(settings.timeBudget()), event, bot,
                    account, jobsOf.apply(registered.pluginId()), person -> Roles.of(person, event, bot, granted));
            stopped |= step.result() == DispatchTrace.Result.STOPPED || step.result() == DispatchTrace.Result.AWAITING;
            steps.add(step);
        }
        if (!offered && !stopped) offerToConversation(event, bot, account).ifPresent(late -> steps.add(late.step()));
        DispatchTrace trace = new DispatchTrace(event, at, steps, account);
        traces.add(trace);
        if (log.isDebugEnabled()) log.debug("dispatch trace: {}", trace.describe().strip());
        return trace;
    }

    /** The pause of a message's chat, when the account's session has it paused. */
    private Optional<PausedChat> pauseOf(BotEvent event, String account) {
        if (!(event instanceof MessageEvent message)) return Optional.empty();
        try {
            ChatPauses of = pauses.apply(account);
            return of == null ? Optional.empty() : of.paused(message.chat().userName());
        } catch (RuntimeException e) {
            log.warn("account {}: cannot tell whether chat {} is paused: {}", account, message.chat().userName(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** A message a conversation took: the handler waiting, and the step of the turn it had with the message. */
    private record Taken(MessageHandler handler, DispatchTrace.Step step) {
    }

    /** Hands a waiting conversation the message it accepts, if one does. */
    private Optional<Taken> offerToConversation(BotEvent event, Bot bot, String account) {
        if (!(event instanceof MessageEvent message)) return Optional.empty();
        return conversations.take(account, message).map(waiting -> new Taken(waiting.conversation().handler(),
                turns.resume(waiting, new Conversation.Answered(message), message, bot)));
    }

    private static boolean laterIn(List<Link> chain, int from, MessageHandler handler) {
        for (int i = from; i < chain.size(); i++) {
            if (chain.get(i).registered().handler() == handler) return true;
        }
        return false;
    }

    /** A wait ran out of time: its handler gets a turn in the chat's queue, to say so or to give up. */
    private void timedOut(Conversation.Waiting waiting) {
        Conversation conversation = waiting.conversation();
        Conversation.Key key = conversation.key().orElseThrow();
        inChatQueue(chatKey(key.account(), key.chat()), () -> {
            DispatchTrace.Step step = turns.resume(waiting, new Conversation.TimedOut(), null, null);
            log.debug("plugin '{}' ({}): a conversation ran out of time; its turn {}", step.pluginId(), step.handler(),
                    step.result());
            return step;
        }).exceptionally(failure -> {
            waiting.slot.complete(new Conversation.Cancelled("the chain is closing"));
            return null;
        });
    }

    @Override
    public void close() {
        // Waiting handlers wake with a cancellation and end, so the workers below can terminate.
        conversations.close("the bot is stopping");
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
