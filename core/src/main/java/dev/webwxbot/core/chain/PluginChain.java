package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every event through the handlers in order: guard, main and fallback phases until one stops the chain, then
 * the monitors, which always see the event. Inside a phase, higher priority first, ties broken by plugin id and
 * then handler class, never by load order.
 *
 * <p>Handlers run on virtual threads, off the network event loop. Events of one chat are handled one at a time in
 * arrival order; different chats proceed in parallel. A handler that throws is logged with its plugin id and the
 * chain goes on. Thread-safe; {@link #close()} waits briefly for running handlers.
 */
public final class PluginChain implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginChain.class);
    private static final Comparator<RegisteredHandler> ORDER = Comparator
            .comparingInt((RegisteredHandler h) -> h.phase().ordinal())
            .thenComparing(Comparator.comparingInt(RegisteredHandler::priority).reversed())
            .thenComparing(RegisteredHandler::pluginId)
            .thenComparing(h -> h.handler().getClass().getName());

    private final List<RegisteredHandler> handlers;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<String, CompletableFuture<?>> chatTails = new ConcurrentHashMap<>();

    public PluginChain(List<RegisteredHandler> handlers) {
        List<RegisteredHandler> sorted = new ArrayList<>(handlers);
        sorted.sort(ORDER);
        this.handlers = List.copyOf(sorted);
    }

    /** The handlers in the order they run. */
    public List<RegisteredHandler> handlers() {
        return handlers;
    }

    /**
     * Queues the event behind earlier events of the same chat and returns at once; the trace completes when every
     * handler had its turn. Safe to call from the network event loop. After {@link #close()} events are dropped
     * (an empty trace), since the bot is shutting down.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        if (workers.isShutdown()) {
            log.debug("chain closed; {} not dispatched", event.getClass().getSimpleName());
            return CompletableFuture.completedFuture(new DispatchTrace(event, List.of()));
        }
        String chat = event instanceof MessageEvent message ? message.chat().userName() : "";
        @SuppressWarnings("unchecked")
        CompletableFuture<DispatchTrace>[] queued = new CompletableFuture[1];
        chatTails.compute(chat, (key, tail) -> {
            CompletableFuture<?> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            queued[0] = previous.handle((ignored, failure) -> null).thenApplyAsync(ignored -> run(event, bot), workers);
            return queued[0];
        });
        // Outside compute: the callback may run at once, and must not modify the map from inside compute.
        CompletableFuture<DispatchTrace> trace = queued[0];
        trace.whenComplete((result, failure) -> chatTails.remove(chat, trace));
        return trace;
    }

    private DispatchTrace run(BotEvent event, Bot bot) {
        List<DispatchTrace.Step> steps = new ArrayList<>();
        boolean stopped = false;
        for (RegisteredHandler registered : handlers) {
            if (stopped && registered.phase() != Phase.MONITOR) continue;
            ChainContext context = new ChainContext(registered.pluginId(), event, bot);
            long start = System.nanoTime();
            DispatchTrace.Result result;
            try {
                Outcome outcome = registered.handler().handle(event, context);
                boolean stops = outcome == Outcome.STOP && registered.phase() != Phase.MONITOR;
                result = stops ? DispatchTrace.Result.STOPPED : DispatchTrace.Result.CONTINUED;
                stopped |= stops;
            } catch (Exception | LinkageError e) {
                result = DispatchTrace.Result.FAILED;
                log.warn("plugin '{}' failed on {}: {}", registered.pluginId(), event.getClass().getSimpleName(),
                        e.toString(), e);
            }
            steps.add(new DispatchTrace.Step(registered.pluginId(), registered.handler().getClass().getSimpleName(),
                    result, context.replies(), Duration.ofNanos(System.nanoTime() - start)));
        }
        DispatchTrace trace = new DispatchTrace(event, steps);
        if (log.isDebugEnabled()) log.debug("dispatched {}: {}", event.getClass().getSimpleName(), trace.steps());
        return trace;
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

    /** The context one handler gets for one event; counts its replies for the trace. */
    private static final class ChainContext implements HandlerContext {
        private final String pluginId;
        private final BotEvent event;
        private final Bot bot;
        private final AtomicInteger replies = new AtomicInteger();

        ChainContext(String pluginId, BotEvent event, Bot bot) {
            this.pluginId = pluginId;
            this.event = event;
            this.bot = bot;
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
            Contact chat = received.chat();
            replies.incrementAndGet();
            return bot.send(chat, message);
        }

        @Override
        public String pluginId() {
            return pluginId;
        }

        int replies() {
            return replies.get();
        }
    }
}
