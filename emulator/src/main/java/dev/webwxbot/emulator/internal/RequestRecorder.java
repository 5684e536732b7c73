package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.RecordedRequest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the last N requests in arrival order: a queue to take from and a history to list. Bodies are bounded in
 * total too, so that long runs with uploads cannot exhaust memory. Thread-safe.
 */
public final class RequestRecorder {
    private static final long MAX_TOTAL_BODY_BYTES = 64L * 1024 * 1024;

    private final int capacity;
    private long historyBodyBytes;
    private long untakenBodyBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<RecordedRequest> untaken = new ArrayDeque<>();
    private final Deque<RecordedRequest> history = new ArrayDeque<>();

    public RequestRecorder(int capacity) {
        this.capacity = capacity;
    }

    void record(RecordedRequest request) {
        if (capacity == 0) {
            return;
        }
        lock.lock();
        try {
            int size = request.bodyLength();
            untaken.addLast(request);
            history.addLast(request);
            untakenBodyBytes += size;
            historyBodyBytes += size;
            while (untaken.size() > capacity || (untakenBodyBytes > MAX_TOTAL_BODY_BYTES && untaken.size() > 1)) {
                untakenBodyBytes -= untaken.removeFirst().bodyLength();
            }
            while (history.size() > capacity || (historyBodyBytes > MAX_TOTAL_BODY_BYTES && history.size() > 1)) {
                historyBodyBytes -= history.removeFirst().bodyLength();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public RecordedRequest take(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (untaken.isEmpty()) {
                if (remaining <= 0) {
                    throw new EmulatorTimeoutException("no request arrived within " + timeout);
                }
                remaining = arrived.awaitNanos(remaining);
            }
            RecordedRequest taken = untaken.removeFirst();
            untakenBodyBytes -= taken.bodyLength();
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorTimeoutException("interrupted while waiting for a request");
        } finally {
            lock.unlock();
        }
    }

    public List<RecordedRequest> history() {
        lock.lock();
        try {
            return List.copyOf(new ArrayList<>(history));
        } finally {
            lock.unlock();
        }
    }

}
