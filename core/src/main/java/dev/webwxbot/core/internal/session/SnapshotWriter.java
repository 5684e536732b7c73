package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Saves snapshots off the event loop, newest wins, at most once per {@code interval}: a sync asks for a save, and
 * the latest snapshot asked for is written on a virtual thread once the interval since the last write has passed;
 * saves asked for meanwhile collapse into that one write. Disk speed never slows receiving, and a busy session
 * writes about once a second however many syncs it makes. The delay is safe with a journal: the sync position a
 * save carries only lets a restart skip what the server would otherwise deliver again, and the journal, which took
 * each message in before the position moved, recognises such repeats. (Without a journal directory a crash may hand
 * the last second's messages over again, as a crash during the save always could.) {@link #close()} ends it for good: it writes the newest snapshot at once, and once it
 * returns, nothing more is written. Thread-safe.
 */
final class SnapshotWriter {

    /** Runs a task after a delay; the session's event-loop timers in production. */
    interface Timer {
        void after(Duration delay, Runnable task);
    }

    private final SessionStore store;
    private final Duration interval;
    private final Clock clock;
    private final Timer timer;
    private final AtomicReference<Supplier<SessionSnapshot>> pending = new AtomicReference<>();
    /** A write is waiting for its time or under way; requests meanwhile only replace {@link #pending}. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Held for each write, so that close() can wait for the one under way (a lock, not synchronized: no pinning). */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** When the next write may start, in the clock's millis; read without the lock, which a write holds long. */
    private volatile long nextWriteAt = Long.MIN_VALUE;
    private volatile boolean closed;

    SnapshotWriter(SessionStore store, Duration interval, Clock clock, Timer timer) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
        this.timer = timer;
    }

    /** Asks for the snapshot {@code source} will build to be saved soon; ignored once closed. */
    void request(Supplier<SessionSnapshot> source) {
        if (closed) return;
        pending.set(source);
        if (scheduled.compareAndSet(false, true)) schedule();
    }

    /**
     * Stops saving: waits for a write under way, writes the newest snapshot still asked for at once (so a restart
     * resumes from the latest state), closes the store, and refuses every later request. Blocks on the disk; call
     * it off the event loop.
     */
    void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            Supplier<SessionSnapshot> last = pending.getAndSet(null);
            if (last != null) store.save(last.get());
            store.close();
        } finally {
            writeLock.unlock();
        }
    }

    /** Starts the write now if the interval has passed since the last, else when it will have. */
    private void schedule() {
        long next = nextWriteAt;
        long wait = next == Long.MIN_VALUE ? 0 : next - clock.millis();
        if (wait <= 0) {
            Thread.startVirtualThread(this::write);
            return;
        }
        try {
            timer.after(Duration.ofMillis(wait), () -> Thread.startVirtualThread(this::write));
        } catch (RejectedExecutionException e) {
            // The timers are gone with the client: nothing more runs, and close() writes what is pending.
            scheduled.set(false);
        }
    }

    private void write() {
        try {
            writeLock.lock();
            try {
                // Taken under the lock, so whatever this write does not take, close() finds and writes.
                if (closed) return;
                Supplier<SessionSnapshot> next = pending.getAndSet(null);
                if (next == null) return;
                nextWriteAt = clock.millis() + interval.toMillis();
                store.save(next.get());
            } finally {
                writeLock.unlock();
            }
        } finally {
            scheduled.set(false);
            // A request that arrived during the write, or between its getAndSet and the reset, must not be lost.
            if (!closed && pending.get() != null && scheduled.compareAndSet(false, true)) schedule();
        }
    }
}
