package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every event through the handlers in order (see {@link ChainOrder}): guard, main and fallback handlers until
 * one stops the chain, then the monitors, which always see the event. Each plugin hears only the chats of its
 * scope.
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
     */
    record Link(RegisteredHandler registered, ChatScope scope, Optional<Duration> timeBudget, String disabledReason,
                Set<String> accounts) {
        Link {
            Objects.requireNonNull(registered, "registered");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(timeBudget, "timeBudget");
            Objects.requireNonNull(disabledReason, "disabledReason");
            accounts = Set.copyOf(accounts);
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
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PluginCounters> counters = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> onTripped;
    private final ChainMonitor monitor;
    private final TraceLog traces;
    private volatile ChainSettings settings;
    private volatile List<Link> links = List.of();
    private final CommandStage commands = new CommandStage();
    /** Who has which role; until the permissions work wires the operator's roles, only tests set it. */
    private volatile BiFunction<BotEvent, Contact, Role> roles;

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
    PluginChain(ChainSettings settings, BiConsumer<String, String> onTripped, ChainMonitor monitor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onTripped = Objects.requireNonNull(onTripped, "onTripped");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.traces = new TraceLog(settings.traceCapacity());
    }

    /** Replaces the handlers; events already running finish with the old ones. */
    void install(List<Link> newLinks) {
        List<Link> sorted = new ArrayList<>(commands.withCommands(newLinks, settings.order()));
        sorted.sort(Comparator.comparing(Link::registered, ChainOrder.comparator(settings.order())));
        links = List.copyOf(sorted);
    }

    /** New order, budgets and breaker settings; breakers that have not tripped start counting afresh. */
    void settings(ChainSettings newSettings) {
        settings = Objects.requireNonNull(newSettings, "settings");
        traces.capacity(newSettings.traceCapacity());
        breakers.entrySet().removeIf(entry -> !entry.getValue().tripped());
        install(links);
    }

    /** A new command prefix; the command links are built again with it. */
    void commandSettings(CommandSettings newSettings) {
        commands.settings(newSettings);
        install(links);
    }

    CommandSettings commandSettings() {
        return commands.settings();
    }

    /** Where {@link dev.webwxbot.api.HandlerContext#roleOf} answers from. */
    void roles(BiFunction<BotEvent, Contact, Role> lookup) {
        roles = lookup;
    }

    /** Closes a plugin's circuit breaker, so it runs again. */
    void resetBreaker(String pluginId) {
        CircuitBreaker removed = breakers.remove(pluginId);
        if (removed != null && removed.tripped()) tell(() -> monitor.breakerChanged(pluginId, false));
    }

    boolean tripped(String pluginId) {
        CircuitBreaker breaker = breakers.get(pluginId);
        return breaker != null && breaker.tripped();
    }

    Counters counters(String pluginId) {
        PluginCounters c = counters.get(pluginId);
        return c == null ? new Counters(0, 0, 0) : new Counters(c.handled.get(), c.failures.get(), c.timeouts.get());
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
        // One queue per chat of each account: two accounts' user names are unrelated, even when equal.
        String chat = account + '\n' + ChatScope.chatOf(event).map(Contact::userName).orElse("");
        @SuppressWarnings("unchecked")
        CompletableFuture<DispatchTrace>[] queued = new CompletableFuture[1];
        chatTails.compute(chat, (key, tail) -> {
            CompletableFuture<?> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            queued[0] = previous.handle((ignored, failure) -> null).thenApplyAsync(ignored -> run(event, bot, account), workers);
            return queued[0];
        });
        // Outside compute: the callback may run at once, and must not modify the map from inside compute.
        CompletableFuture<DispatchTrace> trace = queued[0];
        trace.whenComplete((result, failure) -> chatTails.remove(chat, trace));
        // The chain may close between the check above and the turn's start: the event is dropped as it is after
        // close, not reported as a failure.
        return trace.exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof RejectedExecutionException)) throw new CompletionException(cause);
            log.debug("chain closed; {} not dispatched", event.getClass().getSimpleName());
            return new DispatchTrace(event, Instant.now(), List.of(), account);
        });
    }

    private DispatchTrace run(BotEvent event, Bot bot, String account) {
        Instant at = Instant.now();
        List<DispatchTrace.Step> steps = new ArrayList<>();
        boolean stopped = false;
        for (Link link : links) {
            RegisteredHandler registered = link.registered();
            String handlerName = registered.handler().getClass().getSimpleName();
            boolean monitor = registered.phase() == Phase.MONITOR;
            DispatchTrace.Result skipped = null;
            String detail = "";
            if (!link.disabledReason().isEmpty()) {
                skipped = DispatchTrace.Result.DISABLED;
                detail = link.disabledReason();
            } else if (tripped(registered.pluginId())) {
                skipped = DispatchTrace.Result.DISABLED;
                detail = "circuit breaker open after " + breakerFor(registered.pluginId()).describe();
            } else if (stopped && !monitor) {
                skipped = DispatchTrace.Result.SKIPPED_AFTER_STOP;
            } else if (!link.serves(account)) {
                skipped = DispatchTrace.Result.SKIPPED_BY_SCOPE;
                detail = "not for account " + account;
            } else if (!link.scope().admits(event)) {
                skipped = DispatchTrace.Result.SKIPPED_BY_SCOPE;
            }
            if (skipped != null) {
                steps.add(new DispatchTrace.Step(registered.pluginId(), handlerName, skipped, 0, Duration.ZERO, detail));
                continue;
            }
            DispatchTrace.Step step = runOne(link, event, bot, account);
            stopped |= step.result() == DispatchTrace.Result.STOPPED;
            steps.add(step);
        }
        DispatchTrace trace = new DispatchTrace(event, at, steps, account);
        traces.add(trace);
        if (log.isDebugEnabled()) log.debug("dispatch trace: {}", trace.describe().strip());
        return trace;
    }

    private DispatchTrace.Step runOne(Link link, BotEvent event, Bot bot, String account) {
        RegisteredHandler registered = link.registered();
        String pluginId = registered.pluginId();
        String handlerName = registered.handler().getClass().getSimpleName();
        String eventKind = event.getClass().getSimpleName();
        Duration budget = link.timeBudget().orElse(settings.timeBudget());
        PluginCounters count = counters.computeIfAbsent(pluginId, id -> new PluginCounters());
        count.handled.incrementAndGet();
        ChainContext context = new ChainContext(pluginId, event, bot, account, roles);
        long start = System.nanoTime();
        DispatchTrace.Result result;
        String detail = "";
        Future<Outcome> turn = null;
        boolean closing = false;
        try {
            turn = workers.submit(() -> registered.handler().handle(event, context));
            Outcome outcome = turn.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            boolean stops = outcome == Outcome.STOP && registered.phase() != Phase.MONITOR;
            result = stops ? DispatchTrace.Result.STOPPED : DispatchTrace.Result.CONTINUED;
        } catch (TimeoutException e) {
            result = DispatchTrace.Result.TIMED_OUT;
            detail = "exceeded its time budget of " + budget.toMillis() + " ms";
            count.timeouts.incrementAndGet();
            log.warn("plugin '{}' ({}) {} on {}; the chain went on without it", pluginId, handlerName, detail, eventKind);
            failed(pluginId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = DispatchTrace.Result.FAILED;
            detail = cause.toString();
            count.failures.incrementAndGet();
            log.warn("plugin '{}' ({}) failed on {}: {}", pluginId, handlerName, eventKind, cause.toString(), cause);
            failed(pluginId);
        } catch (RejectedExecutionException e) {
            result = DispatchTrace.Result.FAILED;
            detail = "the chain is closing";
            closing = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = DispatchTrace.Result.FAILED;
            detail = "interrupted: the chain is closing";
            closing = true;
        } finally {
            // The context is valid only during the turn; a handler still running is told to give up.
            context.close();
            if (turn != null && !turn.isDone()) turn.cancel(true);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // A turn cut short by the chain closing is no verdict on the plugin: not reported (nor counted as failed).
        if (!closing) {
            boolean failed = result == DispatchTrace.Result.FAILED || result == DispatchTrace.Result.TIMED_OUT;
            tell(() -> monitor.handled(pluginId, took, failed));
        }
        return new DispatchTrace.Step(pluginId, handlerName, result, context.replies(), took, detail);
    }

    /** Runs a monitor callback; its failure is logged, never the chain's. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("the chain monitor failed: {}", e.toString());
        }
    }

    private void failed(String pluginId) {
        CircuitBreaker breaker = breakerFor(pluginId);
        if (breaker.recordFailure(System.nanoTime())) {
            String reason = "circuit breaker open after " + breaker.describe();
            log.error("plugin '{}' disabled: {}; enable it again with 'plugins enable {}'", pluginId, reason, pluginId);
            onTripped.accept(pluginId, reason);
            tell(() -> monitor.breakerChanged(pluginId, true));
        }
    }

    private CircuitBreaker breakerFor(String pluginId) {
        ChainSettings current = settings;
        return breakers.computeIfAbsent(pluginId,
                id -> new CircuitBreaker(current.breakerThreshold(), current.breakerWindow()));
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class PluginCounters {
        final AtomicLong handled = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
    }
}
