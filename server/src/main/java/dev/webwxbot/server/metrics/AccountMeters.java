package dev.webwxbot.server.metrics;

import dev.webwxbot.api.FailureReason;
import dev.webwxbot.core.SessionMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One account's meters, the {@link SessionMonitor} of its session. Meters that depend on a kind or an outcome are
 * made on first use and kept here, so a hot path looks one up in a small map instead of building a meter id. After
 * {@link #remove()} it records nothing more (a late callback of a stopped session must not bring its meters back).
 * Thread-safe.
 */
final class AccountMeters implements SessionMonitor {

    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?#]*)\\?[^\\s]*");

    private final String account;
    private final MeterRegistry registry;
    private final Counter throttled;
    private final Counter syncErrors;
    private final Counter reconnects;
    private final ConcurrentHashMap<String, Counter> received = new ConcurrentHashMap<>(4);
    private final ConcurrentHashMap<String, Counter> sent = new ConcurrentHashMap<>(4);
    private final ConcurrentHashMap<String, Timer> latency = new ConcurrentHashMap<>(4);
    /** The state gauges; replaced as a whole when the state's source changes. */
    private volatile List<Gauge> stateGauges = List.of();
    private volatile boolean removed;
    /** The latest throttles' times, oldest first, for the health view; guarded by {@link #throttleLock}. */
    private final Deque<Instant> recentThrottles = new ArrayDeque<>();
    private final ReentrantLock throttleLock = new ReentrantLock();
    private volatile String lastSyncError = "";
    private volatile Instant lastSyncErrorAt;
    private volatile Instant lastReconnectAt;

    AccountMeters(String account, MeterRegistry registry) {
        this.account = account;
        this.registry = registry;
        this.throttled = Counter.builder("webwx.send.throttled").tag("account", account)
                .description("Times the server said the account sends too fast (Ret 1205 or a notice)")
                .register(registry);
        this.syncErrors = Counter.builder("webwx.sync.errors").tag("account", account)
                .description("Failed rounds of the receive loop (synccheck or webwxsync), each retried")
                .register(registry);
        this.reconnects = Counter.builder("webwx.sync.reconnects").tag("account", account)
                .description("Times the receive loop succeeded again after failed rounds")
                .register(registry);
    }

    @Override
    public void sent(String kind, Duration took, Optional<FailureReason> failure) {
        if (removed) return;
        String result = failure.map(reason -> reason.name().toLowerCase(Locale.ROOT)).orElse("sent");
        sent.computeIfAbsent(kind + ' ' + result, key -> kept(Counter.builder("webwx.messages.sent")
                .tags("account", account, "kind", kind, "result", result)
                .description("Outgoing messages by kind and outcome: sent, or the failure reason")
                .register(registry))).increment();
        latency.computeIfAbsent(kind, key -> kept(Timer.builder("webwx.send.latency")
                .tags("account", account, "kind", kind)
                .description("From a send being asked for to its outcome, retries included")
                // No histogram and no percentiles: count, sum and max are a few longs per account and kind.
                .publishPercentileHistogram(false)
                .distributionStatisticBufferLength(1)
                .register(registry))).record(took);
    }

    @Override
    public void throttled() {
        if (removed) return;
        throttled.increment();
        throttleLock.lock();
        try {
            recentThrottles.addLast(Instant.now());
            while (recentThrottles.size() > AccountHealth.RECENT) recentThrottles.removeFirst();
        } finally {
            throttleLock.unlock();
        }
    }

    @Override
    public void syncFailed(Throwable cause) {
        if (removed) return;
        syncErrors.increment();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // shown on the health page: a URL's query (the session's skey, sid, pass_ticket) never goes with it
        lastSyncError = URL_QUERY.matcher(message).replaceAll("$1?…");
        lastSyncErrorAt = Instant.now();
    }

    @Override
    public void syncRecovered() {
        if (removed) return;
        reconnects.increment();
        lastReconnectAt = Instant.now();
    }

    /** The account's troubles so far, for the health view. */
    AccountHealth health() {
        List<Instant> throttleTimes;
        throttleLock.lock();
        try {
            throttleTimes = List.copyOf(recentThrottles);
        } finally {
            throttleLock.unlock();
        }
        return new AccountHealth((long) throttled.count(), throttleTimes, (long) syncErrors.count(), lastSyncError,
                lastSyncErrorAt, (long) reconnects.count(), lastReconnectAt);
    }

    void received(String kind) {
        if (removed) return;
        received.computeIfAbsent(kind, key -> kept(Counter.builder("webwx.messages.received")
                .tags("account", account, "kind", kind)
                .description("Messages received by kind")
                .register(registry))).increment();
    }

    /**
     * A meter just made: if {@link #remove()} ran meanwhile its sweep may have missed it, so it goes too (the
     * sweep runs after the flag is set: either it sees the meter or this sees the flag).
     */
    private <M extends Meter> M kept(M meter) {
        if (removed) registry.remove(meter);
        return meter;
    }

    /** One gauge per state of {@code states}: 1 for the state {@code current} names, 0 for the others. */
    void state(List<String> states, Supplier<String> current) {
        if (removed) return;
        List<Gauge> gauges = new ArrayList<>(states.size());
        stateGauges.forEach(registry::remove); // same ids: a gauge registered again would keep the old source
        for (String state : states) {
            gauges.add(Gauge.builder("webwx.account.state", current, source -> is(source, state))
                    .tags("account", account, "state", state)
                    .description("1 for the account's current state, 0 for the others")
                    .strongReference(true)
                    .register(registry));
        }
        stateGauges = List.copyOf(gauges);
    }

    private static double is(Supplier<String> source, String state) {
        try {
            return state.equals(source.get()) ? 1 : 0;
        } catch (RuntimeException e) {
            return Double.NaN; // a scrape must not fail because one account could not tell its state
        }
    }

    /** Removes every meter tagged with this account, its own and any another component registered. */
    void remove() {
        removed = true;
        List<Meter> mine = registry.getMeters().stream()
                .filter(meter -> account.equals(meter.getId().getTag("account"))).toList();
        mine.forEach(registry::remove);
    }
}
