package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.fault.FaultPlan;
import dev.webwxbot.emulator.internal.fault.FaultRule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Scripted faults of an {@link Emulator}, per endpoint, deterministic for a given {@link Emulator.Builder#seed}.
 *
 * <pre>{@code
 * emulator.faults().on("synccheck").times(2).reset();
 * emulator.faults().on("webwxsync").probability(0.3).serverError(503);
 * emulator.faults().on("webwxsendmsg").times(1).ret(1205);
 * ...
 * emulator.faults().awaitFired(FaultKind.RESET, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Endpoints are named by the last part of their path ({@code synccheck}, {@code webwxsync}, {@code jslogin},
 * {@code login} for the login poll, {@code webwxnewloginpage} …) or {@code "*"} for all. Rules are tried in the order
 * added; the first that fires decides the request's fault. Every fault that fires is logged ({@link #fired()}).
 * Thread-safe; owned by its emulator, nothing to close.
 */
public final class Faults {
    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** Starts a rule for {@code endpoint} ({@code "*"} for every endpoint). */
    public RuleBuilder on(String endpoint) {
        return new RuleBuilder(plan, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** Every fault fired so far, oldest first. */
    public List<FiredFault> fired() {
        return plan.fired();
    }

    /** The faults fired on one endpoint, oldest first. */
    public List<FiredFault> fired(String endpoint) {
        return plan.fired().stream().filter(f -> f.endpoint().equals(endpoint)).toList();
    }

    /** Waits until a fault of {@code kind} fired (or returns the first one that already did). */
    public FiredFault awaitFired(FaultKind kind, Duration timeout) {
        return plan.await(f -> f.kind() == kind, timeout, kind.wireName() + " fault");
    }

    /** Removes every rule; the log of fired faults stays. */
    public void clear() {
        plan.clearRules();
    }

    /** Removes one rule by the id its terminal method returned; false if there was none. */
    public boolean remove(long ruleId) {
        return plan.remove(ruleId);
    }

    /** The seed the rules draw from (the builder's, or a random one when none was given). */
    public long seed() {
        return plan.seed();
    }

    /**
     * How often a rule fires, then what it does. The terminal methods add the rule and return its id.
     * Not thread-safe; use from one thread.
     */
    public static final class RuleBuilder {
        private final FaultPlan plan;
        private final String endpoint;
        private int times = FaultRule.UNLIMITED;
        private double probability = 1.0;
        private int skip;

        private RuleBuilder(FaultPlan plan, String endpoint) {
            this.plan = plan;
            this.endpoint = endpoint;
        }

        /** Fires at most {@code count} times (default: on every matching request). */
        public RuleBuilder times(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("times must be at least 1");
            }
            this.times = count;
            return this;
        }

        /** Hits each matching request with this chance, drawn from the seeded stream (default 1). */
        public RuleBuilder probability(double chance) {
            this.probability = chance;
            return this;
        }

        /** Lets the first {@code count} matching requests through untouched. */
        public RuleBuilder skip(int count) {
            this.skip = count;
            return this;
        }

        public long delay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
            return add(FaultKind.DELAY, delay, 0);
        }

        public long stall() {
            return add(FaultKind.STALL, Duration.ZERO, 0);
        }

        /** Handles the request, then never answers it. */
        public long unanswered() {
            return add(FaultKind.UNANSWERED, Duration.ZERO, 0);
        }

        public long reset() {
            return add(FaultKind.RESET, Duration.ZERO, 0);
        }

        /** Answers this 5xx status. */
        public long serverError(int status) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("not a 5xx status: " + status);
            }
            return add(FaultKind.SERVER_ERROR, Duration.ZERO, status);
        }

        public long truncate() {
            return add(FaultKind.TRUNCATED, Duration.ZERO, 0);
        }

        public long malformed() {
            return add(FaultKind.MALFORMED, Duration.ZERO, 0);
        }

        /** webwxsync only: the messages of a hit answer are delivered once more in the next answer. */
        public long duplicateDelivery() {
            return add(FaultKind.DUPLICATE_MESSAGE, Duration.ZERO, 0);
        }

        /** synccheck only: answers {@code selector} (non-zero) at once until the client calls webwxsync. */
        public long stuckSelector(int selector) {
            if (selector < 1 || selector > 9) {
                throw new IllegalArgumentException("selector must be 1..9, was " + selector);
            }
            return add(FaultKind.STUCK_SELECTOR, Duration.ZERO, selector);
        }

        /** webwxsync only: SyncCheckKey runs ahead of SyncKey (PROTOCOL.md 4.3). */
        public long syncCheckKeyAhead() {
            return add(FaultKind.SYNC_CHECK_KEY_AHEAD, Duration.ZERO, 0);
        }

        /** synccheck or a JSON call: answers {@code code} (1100, 1101 or 1102). */
        public long logout(int code) {
            if (code != 1100 && code != 1101 && code != 1102) {
                throw new IllegalArgumentException("logout codes are 1100, 1101 and 1102, not " + code);
            }
            return add(FaultKind.LOGOUT, Duration.ZERO, code);
        }

        /** A JSON call: answers {@code BaseResponse.Ret = code} without doing anything. */
        public long ret(int code) {
            return add(FaultKind.RET, Duration.ZERO, code);
        }

        /** webwxnewloginpage only: {@code <ret>1203</ret>}. */
        public long banned() {
            return add(FaultKind.BANNED, Duration.ZERO, 1203);
        }

        /** Any call of a live session: another login takes over first (the session ends with 1101). */
        public long kicked() {
            return add(FaultKind.KICKED, Duration.ZERO, 1101);
        }

        /**
         * A session call: the session turns zombie. synccheck answers 0/0 after its hold, webwxsync nothing with the
         * presented SyncKey, while the account's messages queue up; webwxinit (or a new login) ends it and delivers
         * them. Our own fault model (PROTOCOL.md is silent on zombie sessions).
         */
        public long frozenSync() {
            return add(FaultKind.FROZEN_SYNC, Duration.ZERO, 0);
        }

        /**
         * A session call: synccheck keeps announcing news (selector 2), webwxsync returns nothing and the presented
         * SyncKey, until webwxinit or a new login. Our own fault model.
         */
        public long stuckSyncKey() {
            return add(FaultKind.STUCK_SYNC_KEY, Duration.ZERO, 0);
        }

        /** A session call: the session's sends succeed but never echo through sync, until webwxinit or a new login. */
        public long lostEchoes() {
            return add(FaultKind.LOST_ECHOES, Duration.ZERO, 0);
        }

        private long add(FaultKind kind, Duration delay, int code) {
            return plan.add(endpoint, kind, delay, code, times, probability, skip);
        }
    }
}
