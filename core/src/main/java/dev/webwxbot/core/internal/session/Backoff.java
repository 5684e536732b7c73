package dev.webwxbot.core.internal.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, so many sessions that lose the network together do not return together.
 * Not thread-safe; one per loop.
 */
final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private int failures;

    Backoff(Duration base, Duration cap) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
    }

    /** The wait before the next attempt after one more failure. */
    Duration next() {
        failures = Math.min(failures + 1, 30);
        long ceiling = Math.min(capMillis, baseMillis << Math.min(failures - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
