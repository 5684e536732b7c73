package dev.webwxbot.core.internal.safety;

import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SendCeilingReached;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's ceiling: at most {@code max} sends within any {@code window}, whoever asks for them. The first send
 * refused raises {@link SendCeilingReached} and is logged once; the next one let through again ends that spell, so
 * the next time the ceiling is reached is told again. Thread-safe.
 */
final class SendCeiling {

    private static final Logger log = LoggerFactory.getLogger(SendCeiling.class);

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Consumer<SafetyEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Instant> sends = new ArrayDeque<>();
    private boolean full; // guarded by lock: a refusal was told and nothing passed since

    SendCeiling(int max, Duration window, Clock clock, Consumer<SafetyEvent> events) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.events = events;
    }

    /** Counts one send; the refusal's detail when the window is full (then nothing is counted). */
    Optional<String> acquire() {
        if (max == 0) return Optional.empty();
        Instant now = clock.instant();
        Instant until;
        boolean tell;
        lock.lock();
        try {
            Instant from = now.minus(window);
            while (!sends.isEmpty() && !sends.peekFirst().isAfter(from)) sends.removeFirst();
            if (sends.size() < max) {
                sends.addLast(now);
                full = false;
                return Optional.empty();
            }
            until = sends.peekFirst().plus(window);
            tell = !full;
            full = true;
        } finally {
            lock.unlock();
        }
        String detail = "the account's send ceiling is reached: " + max + " sends within "
                + Durations.words(window) + "; every send is refused until " + until;
        if (tell) {
            log.info("{} (no plugin can send more; raise webwx-bot.safety.loops.account-ceiling if this is expected)",
                    detail);
            events.accept(new SendCeilingReached(max, window, until, detail, now));
        }
        return Optional.of(detail);
    }
}
