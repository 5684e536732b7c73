package dev.webwxbot.emulator.internal.fault;

import dev.webwxbot.emulator.FaultKind;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One "on this endpoint, do that" rule: how many more times it may fire, with which probability, after how many
 * requests it lets through first, and its own random stream (so its decisions depend only on the seed and the order
 * of the requests it sees). Guarded by the {@link FaultPlan} monitor.
 *
 * @see FaultPlan
 */
public final class FaultRule {
    /** Fires on every matching request. */
    public static final int UNLIMITED = -1;
    /** Matches every endpoint. */
    public static final String ANY_ENDPOINT = "*";

    private final long id;
    private final String endpoint;
    private final FaultKind kind;
    private final Duration delay;
    private final int code;
    private final double probability;
    private final SplittableRandom random;
    private int remaining;
    private int toSkip;

    FaultRule(long id, String endpoint, FaultKind kind, Duration delay, int code, int times, double probability,
              int skip, long seed) {
        this.id = id;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.code = code;
        this.remaining = times;
        this.probability = probability;
        this.toSkip = skip;
        this.random = new SplittableRandom(seed);
    }

    public long id() {
        return id;
    }

    public String endpoint() {
        return endpoint;
    }

    public FaultKind kind() {
        return kind;
    }

    /** For {@link FaultKind#DELAY}. */
    public Duration delay() {
        return delay;
    }

    /** The HTTP status (SERVER_ERROR), Ret/retcode (RET, LOGOUT) or selector (STUCK_SELECTOR). */
    public int code() {
        return code;
    }

    public double probability() {
        return probability;
    }

    /** How many more times it may fire; {@link #UNLIMITED} for no limit. */
    int remaining() {
        return remaining;
    }

    boolean matches(String candidate) {
        return endpoint.equals(ANY_ENDPOINT) || endpoint.equals(candidate);
    }

    /** Consumes one matching request; true when the fault fires on it. */
    boolean fireOnNext() {
        if (remaining == 0) {
            return false;
        }
        if (toSkip > 0) {
            toSkip--;
            return false;
        }
        if (probability < 1.0 && random.nextDouble() >= probability) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }
}
