package dev.webwxbot.emulator.internal;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** A long-poll answer not yet sent; whichever of "event" or "timeout" completes it first wins. Thread-safe. */
final class HeldReply {
    private final Exchange exchange;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Future<?> timer;

    HeldReply(Exchange exchange) {
        this.exchange = exchange;
    }

    void timer(Future<?> timer) {
        this.timer = timer;
    }

    /** How the held request's client reached the emulator, for answers built when an event completes it. */
    ClientOrigin origin() {
        return exchange.origin();
    }

    boolean isDone() {
        return done.get();
    }

    /** Sends {@code reply} unless already completed; returns whether this call completed it. */
    boolean complete(Reply reply) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        Future<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
        return exchange.reply(reply);
    }
}
