package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the chain as a whole behaves: the operator's order, the default time budget of a handler, the circuit
 * breaker, and how many dispatch traces are kept. Immutable.
 *
 * @param order plugin ids in the order their handlers run; {@code "*"} stands for every plugin not named, in the
 *     order they declare (phase, priority, id). Plugins not named run after the named ones when there is no
 *     {@code "*"}.
 * @param timeBudget how long the chain waits for one handler before moving on, unless the plugin sets its own
 * @param breakerThreshold failures (exceptions or time-outs) within {@code breakerWindow} that disable a plugin;
 *     0 turns the breaker off
 * @param breakerWindow the sliding window the breaker counts failures in
 * @param traceCapacity how many of the most recent dispatch traces are kept for "why did the bot (not) answer?"
 */
public record ChainSettings(
        List<String> order, Duration timeBudget, int breakerThreshold, Duration breakerWindow, int traceCapacity) {

    /** Anything not named in {@link #order()}. */
    public static final String OTHERS = "*";

    public ChainSettings {
        order = List.copyOf(order);
        Objects.requireNonNull(timeBudget, "timeBudget");
        Objects.requireNonNull(breakerWindow, "breakerWindow");
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("time-budget must be positive, not " + timeBudget);
        }
        if (breakerThreshold < 0) throw new IllegalArgumentException("breaker threshold must not be negative");
        if (breakerWindow.isNegative() || breakerWindow.isZero()) {
            throw new IllegalArgumentException("breaker window must be positive, not " + breakerWindow);
        }
        if (traceCapacity < 0) throw new IllegalArgumentException("trace capacity must not be negative");
    }

    /** Declared order, 30 s per handler, breaker at 5 failures a minute, 200 traces. */
    public static ChainSettings defaults() {
        return new ChainSettings(List.of(OTHERS), Duration.ofSeconds(30), 5, Duration.ofMinutes(1), 200);
    }

    /**
     * Reads the operator's chain block ({@code webwx-bot.chain} in the launcher's file): {@code order},
     * {@code time-budget}, {@code breaker { threshold, window }} and {@code trace-capacity}; a key left out keeps
     * its {@link #defaults() default}. Lives here so the launcher and the tests read the block the same way.
     *
     * @throws com.typesafe.config.ConfigException naming the key for a missing block or a value of the wrong type
     * @throws IllegalArgumentException for a value out of range
     */
    public static ChainSettings read(Config chain) {
        ChainSettings d = defaults();
        Config merged = chain.withFallback(ConfigFactory.parseMap(Map.of(
                "order", d.order(),
                "time-budget", d.timeBudget().toMillis() + "ms",
                "breaker.threshold", d.breakerThreshold(),
                "breaker.window", d.breakerWindow().toMillis() + "ms",
                "trace-capacity", d.traceCapacity())));
        return new ChainSettings(merged.getStringList("order"), merged.getDuration("time-budget"),
                merged.getInt("breaker.threshold"), merged.getDuration("breaker.window"), merged.getInt("trace-capacity"));
    }

    public ChainSettings withOrder(List<String> newOrder) {
        return new ChainSettings(newOrder, timeBudget, breakerThreshold, breakerWindow, traceCapacity);
    }

    public ChainSettings withTimeBudget(Duration budget) {
        return new ChainSettings(order, budget, breakerThreshold, breakerWindow, traceCapacity);
    }

    public ChainSettings withBreaker(int threshold, Duration window) {
        return new ChainSettings(order, timeBudget, threshold, window, traceCapacity);
    }
}
