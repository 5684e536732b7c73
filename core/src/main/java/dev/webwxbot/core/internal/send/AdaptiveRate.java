package dev.webwxbot.core.internal.send;

/**
 * The fraction of the configured send rate currently in force: each "too frequent" signal multiplies it by the
 * slow-down factor (down to a floor); each quiet period without one undoes one step, up to the full rate.
 * Recovery is applied lazily when the fraction is read. Not thread-safe; its owner guards it.
 */
final class AdaptiveRate {

    private final double slowdownFactor;
    private final double floor;
    private final long quietNanos;
    private double fraction = 1.0;
    private long steppedAt;

    AdaptiveRate(double slowdownFactor, double floor, long quietNanos) {
        this.slowdownFactor = slowdownFactor;
        this.floor = floor;
        this.quietNanos = quietNanos;
    }

    /** Slows down one step; the quiet period starts again at {@code now}. */
    void throttled(long now) {
        fraction = Math.max(floor, fraction * slowdownFactor);
        steppedAt = now;
    }

    /** The fraction in force at {@code now}, after any recovery steps the quiet time since the last change earned. */
    double fraction(long now) {
        while (fraction < 1.0 && now - steppedAt >= quietNanos) {
            fraction = Math.min(1.0, fraction / slowdownFactor);
            steppedAt += quietNanos;
        }
        return fraction;
    }
}
