package dev.webwxbot.server.metrics;

import dev.webwxbot.core.chain.ChainMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin chain's meters, one set per plugin made when the plugin is first heard of: handler time, failures,
 * and whether its circuit breaker is open. Plugins are few, and their meters stay when one is unloaded (its
 * counts remain true). Thread-safe.
 */
final class PluginMeters implements ChainMonitor {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Plugin> plugins = new ConcurrentHashMap<>();

    PluginMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Plugin(Timer time, Counter failures, AtomicInteger breakerOpen) {
    }

    @Override
    public void handled(String pluginId, Duration time, boolean failed) {
        Plugin plugin = plugin(pluginId);
        plugin.time().record(time);
        if (failed) plugin.failures().increment();
    }

    @Override
    public void breakerChanged(String pluginId, boolean open) {
        plugin(pluginId).breakerOpen().set(open ? 1 : 0);
    }

    private Plugin plugin(String id) {
        return plugins.computeIfAbsent(id, key -> {
            AtomicInteger open = new AtomicInteger();
            Gauge.builder("webwx.plugin.breaker.open", open, AtomicInteger::get).tag("plugin", id)
                    .description("1 while the plugin's circuit breaker keeps it out of the chain")
                    .strongReference(true)
                    .register(registry);
            return new Plugin(
                    Timer.builder("webwx.plugin.handler.time").tag("plugin", id)
                            .description("Time the chain spent on each handler turn of the plugin")
                            .publishPercentileHistogram(false)
                            .register(registry),
                    Counter.builder("webwx.plugin.handler.failures").tag("plugin", id)
                            .description("Handler turns of the plugin that threw or ran out of their time budget")
                            .register(registry),
                    open);
        });
    }
}
