package dev.webwxbot.core.chain;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers whom the bot told that a command is not theirs, so a person trying again and again is answered once
 * (every refusal is still logged): once per account, chat, person and command within {@link #QUIET}. Thread-safe.
 */
final class CommandDenials {

    static final Duration QUIET = Duration.ofMinutes(10);
    /** Beyond this many remembered refusals, the expired ones are forgotten. */
    private static final int PRUNE_AT = 1_000;

    private final ConcurrentHashMap<String, Long> toldAt = new ConcurrentHashMap<>();

    /** Whether this refusal should be answered: the first within {@link #QUIET}. */
    boolean firstIn(String account, String chat, String person, String command) {
        long now = System.nanoTime();
        if (toldAt.size() > PRUNE_AT) toldAt.values().removeIf(at -> now - at > QUIET.toNanos());
        boolean[] first = {false};
        toldAt.compute(account + '\n' + chat + '\n' + person + '\n' + command, (key, at) -> {
            if (at != null && now - at <= QUIET.toNanos()) return at;
            first[0] = true;
            return now;
        });
        return first[0];
    }
}
