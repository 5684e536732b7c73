package dev.webwxbot.core.internal.protocol;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes {@code LocalID}/{@code ClientMsgId} values as the official page does (PROTOCOL.md 5.1): the millisecond
 * time followed by the four characters of {@code Math.random().toFixed(3)} without its dot, a 17-digit string.
 * Strictly increasing within a session, so two sends in the same millisecond never share an id.
 */
final class LocalIds {

    /** The longest id a caller may choose: the official 17 digits leave room, and the server's limit is unknown. */
    static final int MAX_LENGTH = 20;

    private final AtomicLong last = new AtomicLong();

    /** {@code id} when it is a usable caller-chosen id (1 to {@value #MAX_LENGTH} ASCII digits), else an exception. */
    static String checked(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a LocalID must be 1 to " + MAX_LENGTH + " digits, was "
                    + (id == null ? "null" : "\"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "\""));
        }
        return id;
    }

    String next() {
        long candidate = System.currentTimeMillis() * 10_000 + ThreadLocalRandom.current().nextInt(1001);
        return Long.toString(last.accumulateAndGet(candidate, (previous, fresh) -> Math.max(previous + 1, fresh)));
    }
}
