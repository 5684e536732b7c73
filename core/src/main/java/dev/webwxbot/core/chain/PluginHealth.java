package dev.webwxbot.core.chain;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each plugin fares in the chain: how many turns it had, how many failed or ran out of time, and its circuit
 * breaker, which opens after {@code breakerThreshold} failures within the window of the chain's settings. The
 * chain's monitor hears of every turn and every breaker change. Thread-safe.
 */
final class PluginHealth {

    /** The chain's logger: operators find a tripped breaker where it always was. */
    private static final Logger log = LoggerFactory.getLogger(PluginChain.class);

    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PluginCounters> counters = new ConcurrentHashMap<>();
    private final Supplier<ChainSettings> settings;
    private final ChainMonitor monitor;
    private final BiConsumer<String, String> onTripped;

    /**
     * @param onTripped told (plugin id, reason) when a plugin's breaker trips, once per trip, before the monitor
     */
    PluginHealth(Supplier<ChainSettings> settings, ChainMonitor monitor, BiConsumer<String, String> onTripped) {
        this.settings = settings;
        this.monitor = monitor;
        this.onTripped = onTripped;
    }

    /** A turn of the plugin starts. */
    void turnStarted(String pluginId) {
        countersOf(pluginId).handled.incrementAndGet();
    }

    /** A turn ended: the monitor hears of it. A turn cut short by the chain closing is no verdict: not reported. */
    void turnEnded(String pluginId, Duration took, boolean failed) {
        tell(() -> monitor.handled(pluginId, took, failed));
    }

    /** A turn ran out of its time budget: counted, and a failure for the breaker. */
    void timedOut(String pluginId) {
        countersOf(pluginId).timeouts.incrementAndGet();
        failed(pluginId);
    }

    /** A turn threw: counted, and a failure for the breaker. */
    void threw(String pluginId) {
        countersOf(pluginId).failures.incrementAndGet();
        failed(pluginId);
    }

    boolean tripped(String pluginId) {
        CircuitBreaker breaker = breakers.get(pluginId);
        return breaker != null && breaker.tripped();
    }

    /** What opened the plugin's breaker, as a trace says it. */
    String describeBreaker(String pluginId) {
        return breakerFor(pluginId).describe();
    }

    /** Closes a plugin's breaker, so it runs again. */
    void resetBreaker(String pluginId) {
        CircuitBreaker removed = breakers.remove(pluginId);
        if (removed != null && removed.tripped()) tell(() -> monitor.breakerChanged(pluginId, false));
    }

    /** New breaker settings: breakers that have not tripped start counting afresh. */
    void settingsChanged() {
        breakers.entrySet().removeIf(entry -> !entry.getValue().tripped());
    }

    PluginChain.Counters counters(String pluginId) {
        PluginCounters c = counters.get(pluginId);
        return c == null ? new PluginChain.Counters(0, 0, 0)
                : new PluginChain.Counters(c.handled.get(), c.failures.get(), c.timeouts.get());
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
        ChainSettings current = settings.get();
        return breakers.computeIfAbsent(pluginId,
                id -> new CircuitBreaker(current.breakerThreshold(), current.breakerWindow()));
    }

    private PluginCounters countersOf(String pluginId) {
        return counters.computeIfAbsent(pluginId, id -> new PluginCounters());
    }

    /** Runs a monitor callback; its failure is logged, never the chain's. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("the chain monitor failed: {}", e.toString());
        }
    }

    private static final class PluginCounters {
        final AtomicLong handled = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
    }
}
