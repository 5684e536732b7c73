package dev.webwxbot.emulator.internal.fault;

import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.FiredFault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fault rules of one emulator and the log of every fault that fired. Each rule draws from a random stream
 * seeded by the emulator's seed and the rule's number, so the same seed, rules and request order give the same
 * faults. Thread-safe: network threads draw and record, test threads add rules and wait for the log.
 */
public final class FaultPlan {
    private static final int MAX_LOGGED = 10_000;

    private final long seed;
    private final List<FaultRule> rules = new ArrayList<>();
    private final List<FiredFault> fired = new ArrayList<>();
    private long nextRuleId = 1;
    private long nextSequence = 1;

    public FaultPlan(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * Adds a rule and returns its id.
     *
     * @param times how many times it may fire ({@link FaultRule#UNLIMITED} for always)
     * @param probability chance that a matching request is hit, in (0, 1]
     * @param skip matching requests let through before the rule starts
     */
    public synchronized long add(String endpoint, FaultKind kind, Duration delay, int code, int times,
                                 double probability, int skip) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint must be named, or \"*\" for all");
        }
        if (!(probability > 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
        }
        if (times < FaultRule.UNLIMITED || times == 0) {
            throw new IllegalArgumentException("times must be positive (or unlimited), was " + times);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative, was " + skip);
        }
        long id = nextRuleId++;
        // One stream per rule: rules do not disturb each other's draws.
        rules.add(new FaultRule(id, endpoint.trim(), kind, delay, code, times, probability, skip,
                seed * 0x9E3779B97F4A7C15L + id));
        return id;
    }

    /**
     * The first rule (in the order added) for {@code endpoint} whose kind is among {@code kinds} that fires on this
     * request, or {@code null}. Every matching rule up to the one that fires counts the request.
     */
    public synchronized FaultRule draw(String endpoint, Set<FaultKind> kinds) {
        for (FaultRule rule : rules) {
            if (rule.matches(endpoint) && kinds.contains(rule.kind()) && rule.fireOnNext()) {
                return rule;
            }
        }
        return null;
    }

    /** Logs that {@code rule} fired on {@code endpoint}. */
    public synchronized FiredFault record(FaultRule rule, String endpoint, String detail) {
        FiredFault fault = new FiredFault(nextSequence++, Instant.now(), endpoint, rule.kind(), rule.id(),
                detail == null ? "" : detail);
        fired.add(fault);
        if (fired.size() > MAX_LOGGED) {
            fired.removeFirst();
        }
        notifyAll();
        return fault;
    }

    public synchronized List<FiredFault> fired() {
        return List.copyOf(fired);
    }

    /** Rules still able to fire, oldest first. */
    public synchronized List<RuleView> rules() {
        return rules.stream().filter(rule -> rule.remaining() != 0)
                .map(rule -> new RuleView(rule.id(), rule.endpoint(), rule.kind(), rule.remaining(),
                        rule.probability(), rule.delay(), rule.code()))
                .toList();
    }

    /** Removes every rule (sticky protocol states end with the next sync); the log stays. */
    public synchronized void clearRules() {
        rules.clear();
    }

    /** Removes one rule; false if there was none with that id. */
    public synchronized boolean remove(long ruleId) {
        return rules.removeIf(rule -> rule.id() == ruleId);
    }

    /** Waits until a fired fault satisfies {@code wanted}; returns the first that does. */
    public synchronized FiredFault await(Predicate<FiredFault> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (FiredFault fault : fired) {
                if (wanted.test(fault)) {
                    return fault;
                }
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (remainingMillis <= 0) {
                throw new EmulatorTimeoutException("no " + what + " fired within " + timeout);
            }
            try {
                wait(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmulatorTimeoutException("interrupted while waiting for " + what);
            }
        }
    }

    /** A rule as the control API shows it. */
    public record RuleView(long id, String endpoint, FaultKind kind, int remaining, double probability,
                           Duration delay, int code) {
    }
}
