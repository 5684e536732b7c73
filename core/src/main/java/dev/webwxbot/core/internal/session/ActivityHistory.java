package dev.webwxbot.core.internal.session;

import java.time.Duration;
import java.time.Instant;

/**
 * How many messages a session received, hour by hour, over its last few days: what the watchdog learns "normally
 * active" from. {@link #expectedBetween} answers "how many messages did an ordinary recent day bring in this same
 * stretch of the day?", averaged over the days that were watched throughout that stretch, so a night that was quiet
 * on the recent days expects nothing, and a bot that started an hour ago has no opinion yet.
 *
 * <p>A fixed ring of {@code days × 24} counters (about 2 KB per session with 7 days, whatever the traffic). Not
 * thread-safe: the watchdog guards it.
 */
final class ActivityHistory {

    private static final long HOUR_SECONDS = 3_600;
    private static final Duration DAY = Duration.ofDays(1);

    private final int days;
    private final Instant watchedSince;
    /** Messages per hour slot; slot = hour since the epoch modulo the ring's size. */
    private final int[] counts;
    /** Which hour since the epoch each slot currently counts (a slot left from an older day is stale). */
    private final long[] hours;

    ActivityHistory(int days, Instant watchedSince) {
        this.days = days;
        this.watchedSince = watchedSince;
        this.counts = new int[days * 24];
        this.hours = new long[days * 24];
        java.util.Arrays.fill(hours, -1);
    }

    /** One message received at {@code when}. */
    void record(Instant when) {
        long hour = Math.floorDiv(when.getEpochSecond(), HOUR_SECONDS);
        int slot = (int) Math.floorMod(hour, (long) counts.length);
        if (hours[slot] != hour) {
            hours[slot] = hour;
            counts[slot] = 0;
        }
        if (counts[slot] < Integer.MAX_VALUE) counts[slot]++;
    }

    /**
     * The messages an ordinary recent day brought between the times of day of {@code from} and {@code to}: the
     * average, over the past days whose same stretch was watched throughout, of what that stretch brought (each hour's
     * count taken in proportion to its overlap). 0 when no past day was watched throughout.
     */
    double expectedBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) return 0;
        double total = 0;
        int watchedDays = 0;
        for (int back = 1; back <= days; back++) {
            Instant start = from.minus(DAY.multipliedBy(back));
            Instant end = to.minus(DAY.multipliedBy(back));
            if (start.isBefore(watchedSince)) continue;
            total += countBetween(start, end);
            watchedDays++;
        }
        return watchedDays == 0 ? 0 : total / watchedDays;
    }

    private double countBetween(Instant start, Instant end) {
        long from = start.getEpochSecond();
        long to = end.getEpochSecond();
        double sum = 0;
        for (long hour = Math.floorDiv(from, HOUR_SECONDS); hour * HOUR_SECONDS < to; hour++) {
            int slot = (int) Math.floorMod(hour, (long) counts.length);
            if (hours[slot] != hour) continue;
            long overlap = Math.min(to, (hour + 1) * HOUR_SECONDS) - Math.max(from, hour * HOUR_SECONDS);
            sum += counts[slot] * (overlap / (double) HOUR_SECONDS);
        }
        return sum;
    }
}
