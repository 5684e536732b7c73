package dev.webwxbot.api;

/**
 * The coarse order of the chain. Each event passes the phases in declaration order; a {@link Outcome#STOP} in
 * one of the first three ends the chain except for monitors.
 */
public enum Phase {
    /** Filters that may veto an event before anyone answers it (blocklists, rate limits). */
    GUARD,
    /** Ordinary handlers: commands, rules, replies. */
    MAIN,
    /** Last resort answers for events nobody else took. */
    FALLBACK,
    /** Read-only observers (logging, statistics) that always see every event; their outcome is ignored. */
    MONITOR
}
