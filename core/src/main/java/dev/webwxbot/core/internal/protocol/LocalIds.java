package dev.webwxbot.core.internal.protocol;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes {@code LocalID}/{@code ClientMsgId} values as the official page does (PROTOCOL.md 5.1): the millisecond
 * time followed by the four characters of {@code Math.random().toFixed(3)} without its dot, a 17-digit string.
 * Strictly increasing within a session, so two sends in the same millisecond never share an id.
 */
final class LocalIds {

    private final AtomicLong last = new AtomicLong();

    String next() {
        long candidate = System.currentTimeMillis() * 10_000 + ThreadLocalRandom.current().nextInt(1001);
        return Long.toString(last.accumulateAndGet(candidate, (previous, fresh) -> Math.max(previous + 1, fresh)));
    }
}
