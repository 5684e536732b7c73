package dev.webwxbot.core;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Which answer to a received message a send is, when the chain that answers runs in another process (a worker of
 * the cluster) and its sends arrive here one by one, perhaps after this process took the account over half-way
 * through. The bot a session hands over with a message numbers its sends in the order they are made, and derives
 * each send's client id from that number, so that a replay is not sent twice; a send made inside {@link #as} takes
 * the number given instead, whatever this process saw before. The number is the answer's place among the sends the
 * handling made (0 for the first), counted where the chain runs.
 */
public final class AnswerOrder {

    private static final ThreadLocal<Integer> CURRENT = new ThreadLocal<>();

    private AnswerOrder() {
    }

    /** Runs {@code send} (on this thread) with its sends through a message's bot counted as answer {@code n}. */
    public static <T> T as(int n, Supplier<T> send) {
        if (n < 0) throw new IllegalArgumentException("an answer's place is 0 or more: " + n);
        Objects.requireNonNull(send, "send");
        Integer outer = CURRENT.get();
        CURRENT.set(n);
        try {
            return send.get();
        } finally {
            if (outer == null) CURRENT.remove(); else CURRENT.set(outer);
        }
    }

    /** The place given by an enclosing {@link #as}, if any. */
    public static OptionalInt current() {
        Integer n = CURRENT.get();
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
