package dev.webwxbot.server.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One alert per key (channel, account, kind, chat) per interval, so a flapping condition cannot flood the owner.
 * Keys whose interval passed are dropped as new ones come, so the map stays as small as the alerts of one interval.
 * Thread-safe.
 */
final class AlertRate {

    private final Clock clock;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    AlertRate(Clock clock) {
        this.clock = clock;
    }

    /** Whether an alert of {@code key} may go now; if so, the interval starts again for it. */
    boolean allow(String key, Duration interval) {
        Instant now = clock.instant();
        if (last.size() > 1_000) last.values().removeIf(at -> !at.plus(interval).isAfter(now));
        boolean[] allowed = {false};
        last.compute(key, (k, before) -> {
            if (before != null && before.plus(interval).isAfter(now)) return before;
            allowed[0] = true;
            return now;
        });
        return allowed[0];
    }
}
