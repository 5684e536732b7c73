package dev.webwxbot.core.chain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts one plugin's failures in a sliding window and trips once {@code threshold} of them fall inside it.
 * Stays tripped until {@link #reset()}. A threshold of 0 never trips. Thread-safe.
 */
final class CircuitBreaker {

    private final int threshold;
    private final long windowNanos;
    private final Deque<Long> failures = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean tripped;

    CircuitBreaker(int threshold, Duration window) {
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
    }

    /** Records a failure at {@code nanoTime}; true only for the failure that trips the breaker. */
    boolean recordFailure(long nanoTime) {
        if (threshold == 0) return false;
        lock.lock();
        try {
            if (tripped) return false;
            failures.addLast(nanoTime);
            while (!failures.isEmpty() && nanoTime - failures.peekFirst() > windowNanos) failures.removeFirst();
            tripped = failures.size() >= threshold;
            return tripped;
        } finally {
            lock.unlock();
        }
    }

    boolean tripped() {
        lock.lock();
        try {
            return tripped;
        } finally {
            lock.unlock();
        }
    }

    void reset() {
        lock.lock();
        try {
            tripped = false;
            failures.clear();
        } finally {
            lock.unlock();
        }
    }

    String describe() {
        return threshold + " failures within " + windowNanos / 1_000_000_000L + " s";
    }
}
