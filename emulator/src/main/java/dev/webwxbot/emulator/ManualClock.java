package dev.webwxbot.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that stands still until a test moves it, for an {@link Emulator} whose time a test controls
 * ({@link Emulator.Builder#clock}): the revoke window, QR lifetimes, session idle expiry, send-rate windows and
 * message {@code CreateTime} all follow it, so a test advances two minutes instead of sleeping them.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.startingNow();
 * try (Emulator emu = Emulator.builder().clock(clock).start()) {
 *     ... the bot sends, then:
 *     clock.advance(Duration.ofMinutes(2).plusSeconds(1));   // revoking now answers Ret -1
 * }
 * }</pre>
 *
 * <p>Advancing also answers, at once, the held login polls of QR codes it expired. It does not shorten how long a
 * long poll is held ({@link Emulator.Builder#loginPollHold}, {@link Emulator.Builder#syncCheckHold}): those are
 * network timeouts and stay real time. Thread-safe; one clock may drive several emulators.
 */
public final class ManualClock extends Clock {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    private ManualClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at {@code start}. */
    public static ManualClock startingAt(Instant start) {
        return new ManualClock(Objects.requireNonNull(start, "start"));
    }

    /**
     * A clock standing at the current time, so message times look as live ones do to a bot that compares them with
     * its own clock (advancing far then makes them look like messages from the future).
     */
    public static ManualClock startingNow() {
        return new ManualClock(Instant.now());
    }

    /** Moves the time forward by {@code amount} (zero or more), then lets the emulators act on the new time. */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, not by " + amount);
        }
        synchronized (this) {
            now = now.plus(amount);
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Always UTC; the emulator reads instants only. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in {@code zone}: the same instants, moved by this clock's {@link #advance}. */
    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (zone.equals(getZone())) {
            return this;
        }
        ManualClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    /** Runs {@code listener} after every {@link #advance}, on the advancing thread. */
    void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
