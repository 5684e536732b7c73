package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Saves snapshots off the event loop, newest wins: a sync asks for a save, a virtual thread writes the latest
 * snapshot, and saves asked for while it writes collapse into one more write. Disk speed never slows receiving.
 * {@link #close()} ends it for good: once it returns, nothing more is written. Thread-safe.
 */
final class SnapshotWriter {

    private final SessionStore store;
    private final AtomicReference<Supplier<SessionSnapshot>> pending = new AtomicReference<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Held for each write, so that close() can wait for the one under way (a lock, not synchronized: no pinning). */
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closed;

    SnapshotWriter(SessionStore store) {
        this.store = store;
    }

    /** Asks for the snapshot {@code source} will build to be saved soon; ignored once closed. */
    void request(Supplier<SessionSnapshot> source) {
        if (closed) return;
        pending.set(source);
        if (writing.compareAndSet(false, true)) Thread.startVirtualThread(this::drain);
    }

    /**
     * Stops saving: waits for a write under way, writes the newest snapshot still asked for (so a restart resumes
     * from the latest state), and refuses every later request. Blocks on the disk; call it off the event loop.
     */
    void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            Supplier<SessionSnapshot> last = pending.getAndSet(null);
            if (last != null) store.save(last.get());
        } finally {
            writeLock.unlock();
        }
    }

    private void drain() {
        try {
            while (true) {
                writeLock.lock();
                try {
                    // Taken under the lock, so whatever this loop has not taken yet, close() finds and writes.
                    if (closed) return;
                    Supplier<SessionSnapshot> next = pending.getAndSet(null);
                    if (next == null) return;
                    store.save(next.get());
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            writing.set(false);
            // A request that arrived between the last getAndSet and the reset must not be lost.
            if (!closed && pending.get() != null && writing.compareAndSet(false, true)) {
                Thread.startVirtualThread(this::drain);
            }
        }
    }
}
