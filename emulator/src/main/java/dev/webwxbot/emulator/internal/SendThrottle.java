package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.SendRateLimit;
import dev.webwxbot.emulator.ThrottledSend;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rate-based frequency limit of the send endpoints (PROTOCOL.md 11.3: per-account sliding windows answering
 * {@code Ret 1205}; off unless limits are configured). Only accepted sends count towards a window: the sources do
 * not say whether refused attempts do, and counting them would lock out a client that retries for ever.
 * Thread-safe; its own monitor guards everything and is never held while waiting.
 */
final class SendThrottle {
    /** Frequency limit, "操作太频繁" (PROTOCOL.md 5.8). */
    static final int TOO_FREQUENT = 1205;
    /** Refused attempts kept per account, so a client hammering the server cannot exhaust memory. */
    private static final int THROTTLED_KEPT = 100_000;

    private final List<SendRateLimit> limits;
    private final Map<AccountState, AccountWindows> accounts = new IdentityHashMap<>();

    SendThrottle(List<SendRateLimit> limits) {
        this.limits = List.copyOf(limits);
    }

    /** Accepted send times of one account, per limit and, for per-chat limits, per chat. */
    private static final class AccountWindows {
        final Map<SendRateLimit, Map<String, Deque<Instant>>> sends = new HashMap<>();
        final Deque<ThrottledSend> throttled = new ArrayDeque<>();
    }

    /**
     * Counts a send of {@code account} to {@code toUserName} at {@code now} when every limit admits it; otherwise
     * records the refusal and returns the limit it would exceed (the caller answers {@code Ret 1205}).
     */
    synchronized Optional<SendRateLimit> admit(AccountState account, String endpoint, String toUserName,
                                               String content, Instant now) {
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        AccountWindows windows = accounts.computeIfAbsent(account, a -> new AccountWindows());
        List<Deque<Instant>> counted = new ArrayList<>(limits.size());
        for (SendRateLimit limit : limits) {
            String key = limit.scope() == SendRateLimit.Scope.CHAT ? String.valueOf(toUserName) : "";
            Map<String, Deque<Instant>> byKey = windows.sends.computeIfAbsent(limit, l -> new HashMap<>());
            Deque<Instant> times = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
            Instant windowStart = now.minus(limit.window());
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.removeFirst();
            }
            if (times.size() >= limit.maxSends()) {
                if (windows.throttled.size() >= THROTTLED_KEPT) {
                    windows.throttled.removeFirst();
                }
                windows.throttled.addLast(new ThrottledSend(now, endpoint, toUserName, content, limit));
                return Optional.of(limit);
            }
            counted.add(times);
        }
        for (Deque<Instant> times : counted) {
            times.addLast(now);
        }
        return Optional.empty();
    }

    synchronized List<ThrottledSend> throttled(AccountState account) {
        AccountWindows windows = accounts.get(account);
        return windows == null ? List.of() : List.copyOf(windows.throttled);
    }
}
