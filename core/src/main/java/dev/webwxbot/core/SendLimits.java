package dev.webwxbot.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast a session may send, and how it slows down when the server says it is sending too fast
 * ({@code Ret 1205}, "操作太频繁"). Every outgoing call of a session (messages, uploads, account operations) counts.
 * Immutable; start from {@link #defaults()}.
 *
 * <p>A send starts only when all of these allow it: a session-wide token bucket ({@code globalPerMinute},
 * {@code globalBurst}), a token bucket of its chat ({@code perChatPerMinute}, {@code perChatBurst}), a random
 * human-like pause since the previous send ({@code minGap} to {@code maxGap}) and any back-off after a
 * {@code 1205}. Sends to one chat go out one at a time in the order they were made.
 *
 * <pre>{@code
 * SessionOptions.defaults().withSendLimits(SendLimits.defaults()
 *         .withGlobalRate(20, 3)                                    // 20 a minute, 3 back to back
 *         .withGaps(Duration.ofMillis(1500), Duration.ofSeconds(4)));
 * }</pre>
 *
 * @param globalPerMinute sustained sends per minute of the whole session, all chats together
 * @param globalBurst how many sends the session may make back to back after a quiet spell (bucket size)
 * @param perChatPerMinute sustained sends per minute to one chat
 * @param perChatBurst how many sends one chat may get back to back after a quiet spell
 * @param minGap shortest random pause between two sends of the session
 * @param maxGap longest random pause between two sends of the session
 * @param maxRetries how often a call is tried again after a {@code 1205} or a failure that certainly did not deliver
 *     it (no connection, request not written, HTTP 5xx) or whose echo did not come, before its caller gets a
 *     {@code Failed} receipt
 * @param backoffBase pause of all sends after a {@code 1205}; doubled for each further {@code 1205} in a row,
 *     with random jitter. Also the first pause before retrying a call that failed otherwise (its chat only),
 *     doubled for each further retry of that call
 * @param backoffCap the longest such pause
 * @param slowdownFactor each {@code 1205} (or "too frequent" notice) multiplies both rates by this and divides the
 *     gaps by it; between 0 (exclusive) and 1 (1 = no slow-down)
 * @param minRateFraction the rates never fall below this fraction of the configured ones
 * @param recoveryQuietPeriod each such period without a {@code 1205} undoes one slow-down step
 * @param maxQueued sends waiting at once; further sends fail at once with {@code THROTTLED} rather than piling up
 * @param echoWindow the longest a send whose answer was lost after its request was written waits for the message's
 *     sync echo (PROTOCOL.md 9.7) before it is sent again; the wait ends sooner, empty, once the sync loop caught up
 *     with the server without the echo; see {@link #withEchoWindow}
 */
public record SendLimits(
        double globalPerMinute, int globalBurst, double perChatPerMinute, int perChatBurst,
        Duration minGap, Duration maxGap,
        int maxRetries, Duration backoffBase, Duration backoffCap,
        double slowdownFactor, double minRateFraction, Duration recoveryQuietPeriod,
        int maxQueued, Duration echoWindow) {

    /** The default of {@code echoWindow}. */
    public static final Duration DEFAULT_ECHO_WINDOW = Duration.ofSeconds(30);

    /** The limits with the default {@code echoWindow}, as before it existed. */
    public SendLimits(double globalPerMinute, int globalBurst, double perChatPerMinute, int perChatBurst,
                      Duration minGap, Duration maxGap, int maxRetries, Duration backoffBase, Duration backoffCap,
                      double slowdownFactor, double minRateFraction, Duration recoveryQuietPeriod, int maxQueued) {
        this(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, minGap, maxGap, maxRetries, backoffBase,
                backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued, DEFAULT_ECHO_WINDOW);
    }

    public SendLimits {
        requirePositive(globalPerMinute, "globalPerMinute");
        requirePositive(perChatPerMinute, "perChatPerMinute");
        if (globalBurst < 1 || perChatBurst < 1) throw new IllegalArgumentException("bursts must be at least 1");
        Objects.requireNonNull(minGap, "minGap");
        Objects.requireNonNull(maxGap, "maxGap");
        if (minGap.isNegative() || maxGap.compareTo(minGap) < 0) {
            throw new IllegalArgumentException("gaps must satisfy 0 <= minGap <= maxGap, were " + minGap + " and " + maxGap);
        }
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffCap, "backoffCap");
        if (backoffCap.compareTo(backoffBase) < 0) throw new IllegalArgumentException("backoffCap is below backoffBase");
        if (!(slowdownFactor > 0 && slowdownFactor <= 1)) {
            throw new IllegalArgumentException("slowdownFactor must be in (0, 1], was " + slowdownFactor);
        }
        if (!(minRateFraction > 0 && minRateFraction <= 1)) {
            throw new IllegalArgumentException("minRateFraction must be in (0, 1], was " + minRateFraction);
        }
        requirePositive(recoveryQuietPeriod, "recoveryQuietPeriod");
        if (maxQueued < 1) throw new IllegalArgumentException("maxQueued must be at least 1");
        requirePositive(echoWindow, "echoWindow");
    }

    /**
     * Conservative limits for a real account: 30 sends a minute in all (bursts of 5), 60 a minute to one chat
     * (bursts of 3), a 1–3 s pause between sends; after a {@code 1205} all sends pause 5 s (doubling up to 5 min),
     * the rate halves (down to a tenth) and recovers one step per 2 quiet minutes; 3 retries; 1 000 waiting sends.
     */
    public static SendLimits defaults() {
        return new SendLimits(30, 5, 60, 3, Duration.ofSeconds(1), Duration.ofSeconds(3),
                3, Duration.ofSeconds(5), Duration.ofMinutes(5), 0.5, 0.1, Duration.ofMinutes(2), 1_000);
    }

    /** The session-wide bucket: {@code perMinute} sustained, {@code burst} back to back. */
    public SendLimits withGlobalRate(double perMinute, int burst) {
        return new SendLimits(perMinute, burst, perChatPerMinute, perChatBurst, minGap, maxGap, maxRetries,
                backoffBase, backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued, echoWindow);
    }

    /** The bucket of each chat: {@code perMinute} sustained, {@code burst} back to back. */
    public SendLimits withPerChatRate(double perMinute, int burst) {
        return new SendLimits(globalPerMinute, globalBurst, perMinute, burst, minGap, maxGap, maxRetries,
                backoffBase, backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued, echoWindow);
    }

    /** The random pause between two sends, uniformly between {@code min} and {@code max}. */
    public SendLimits withGaps(Duration min, Duration max) {
        return new SendLimits(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, min, max, maxRetries,
                backoffBase, backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued, echoWindow);
    }

    /** What happens to a call answered {@code 1205}: how often it is retried and how long all sends pause. */
    public SendLimits withRetries(int retries, Duration base, Duration cap) {
        return new SendLimits(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, minGap, maxGap, retries,
                base, cap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued, echoWindow);
    }

    /** How far each {@code 1205} lowers the rates, how low they go, and how fast they come back. */
    public SendLimits withSlowdown(double factor, double floorFraction, Duration quietPeriod) {
        return new SendLimits(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, minGap, maxGap,
                maxRetries, backoffBase, backoffCap, factor, floorFraction, quietPeriod, maxQueued, echoWindow);
    }

    /** How many sends may wait at once. */
    public SendLimits withMaxQueued(int queued) {
        return new SendLimits(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, minGap, maxGap,
                maxRetries, backoffBase, backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, queued,
                echoWindow);
    }

    /**
     * How long a send whose answer was lost after its request was written (time-out, reset, truncated answer) waits
     * for the sync echo of the message before it is sent again.
     */
    public SendLimits withEchoWindow(Duration window) {
        return new SendLimits(globalPerMinute, globalBurst, perChatPerMinute, perChatBurst, minGap, maxGap,
                maxRetries, backoffBase, backoffCap, slowdownFactor, minRateFraction, recoveryQuietPeriod, maxQueued,
                window);
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
