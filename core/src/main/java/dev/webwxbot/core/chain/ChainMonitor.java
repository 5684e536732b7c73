package dev.webwxbot.core.chain;

import java.time.Duration;

/**
 * Told how the plugin chain's handlers fare, for metrics: every handler turn with its time, and each plugin's
 * circuit breaker opening and closing. Set it with {@link PluginHost#start(java.nio.file.Path, ChainSettings,
 * com.typesafe.config.Config, ChainMonitor)}; the default does nothing.
 *
 * <p>Called on the chain's worker threads, right after each turn: implementations must be thread-safe and return
 * at once. One that throws is logged and otherwise ignored.
 */
public interface ChainMonitor {

    /** Does nothing. */
    ChainMonitor NONE = new ChainMonitor() { };

    /**
     * A handler of {@code pluginId} had its turn on an event.
     *
     * @param time how long the chain spent on it (up to the budget for one that ran out of it)
     * @param failed whether it threw or ran out of its time budget
     */
    default void handled(String pluginId, Duration time, boolean failed) {
    }

    /**
     * A plugin's circuit breaker opened (too many failures: the plugin is out of the chain) or closed again (the
     * plugin was enabled, reloaded or unloaded). Told only of real changes: closing a breaker that was not open is
     * not reported.
     */
    default void breakerChanged(String pluginId, boolean open) {
    }
}
