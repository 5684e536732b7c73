package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Saves snapshots off the event loop, newest wins: a sync asks for a save, a virtual thread writes the latest
 * snapshot, and saves asked for while it writes collapse into one more write. Disk speed never slows receiving.
 * Thread-safe.
 */
final class SnapshotWriter {

    private final SessionStore store;
    private final AtomicReference<Supplier<SessionSnapshot>> pending = new AtomicReference<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    SnapshotWriter(SessionStore store) {
        this.store = store;
    }

    /** Asks for the snapshot {@code source} will build to be saved soon. */
    void request(Supplier<SessionSnapshot> source) {
        pending.set(source);
        if (writing.compareAndSet(false, true)) Thread.startVirtualThread(this::drain);
    }

    private void drain() {
        try {
            for (Supplier<SessionSnapshot> next; (next = pending.getAndSet(null)) != null; ) {
                store.save(next.get());
            }
        } finally {
            writing.set(false);
            // A request that arrived between the last getAndSet and the reset must not be lost.
            if (pending.get() != null && writing.compareAndSet(false, true)) Thread.startVirtualThread(this::drain);
        }
    }
}
