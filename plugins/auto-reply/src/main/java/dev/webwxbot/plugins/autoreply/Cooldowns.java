package dev.webwxbot.plugins.autoreply;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Until when each (chat) or (rule, chat) is silent. Thread-safe: events of different chats arrive concurrently;
 * events of one chat arrive one at a time (the chain's promise), so a check followed by a start for the same chat
 * cannot interleave with another.
 */
final class Cooldowns {

    /** Past this many entries, expired ones are swept, so a bot in many chats does not grow without bound. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Map<String, Instant> silentUntil = new ConcurrentHashMap<>();

    boolean isCooling(String key, Instant now) {
        Instant until = silentUntil.get(key);
        return until != null && now.isBefore(until);
    }

    void start(String key, Duration cooldown, Instant now) {
        if (cooldown.isZero()) return;
        if (silentUntil.size() > SWEEP_ABOVE) silentUntil.values().removeIf(until -> !now.isBefore(until));
        silentUntil.put(key, now.plus(cooldown));
    }
}
