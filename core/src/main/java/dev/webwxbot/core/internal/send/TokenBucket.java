package dev.webwxbot.core.internal.send;

/**
 * A token bucket on a nanosecond clock the caller passes in: holds up to {@code burst} tokens, refills at a rate
 * that may change, one token per send. Starts full. Not thread-safe; its owner guards it.
 */
final class TokenBucket {

    private final double capacity;
    private double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(double perSecond, int burst, long now) {
        if (!(perSecond > 0) || burst < 1) throw new IllegalArgumentException("rate and burst must be positive");
        this.capacity = burst;
        this.tokensPerNano = perSecond / 1e9;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Changes the refill rate from {@code now} on; tokens gathered until now are kept. */
    void setRate(double perSecond, long now) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive");
        refill(now);
        tokensPerNano = perSecond / 1e9;
    }

    /** Nanoseconds until a token is available; 0 when one is. */
    long nanosUntilAvailable(long now) {
        refill(now);
        if (tokens >= 1) return 0;
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Takes a token; the caller has checked that one is available. */
    void take(long now) {
        refill(now);
        if (tokens < 1) throw new IllegalStateException("no token available");
        tokens -= 1;
    }

    /** Whether the bucket is full again, so forgetting it would change nothing. */
    boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
