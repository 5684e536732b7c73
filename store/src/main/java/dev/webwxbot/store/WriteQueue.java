package dev.webwxbot.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes to a {@link MessageStore} off the caller's thread, in as few transactions as the load allows: one writer
 * thread takes everything queued while the previous transaction ran and writes it in the next one. At a few
 * messages a second each write is its own transaction, as before; under a burst hundreds share one commit, where a
 * commit per message (and, on SQLite, the pages of the full-text index written again for each) cost the daemon
 * most of its CPU per message.
 *
 * <p>Each write's future completes once its transaction committed, so a caller that must not lose a write (the
 * daemon acknowledges a received message only then) waits for it, and readers that must see earlier writes wait for
 * {@link #flush}. A batch that fails is written again one write at a time, so one bad write fails alone. One thread
 * per store, not per account: the store has one connection anyway. Thread-safe.
 */
public final class WriteQueue implements AutoCloseable {

    /** Enough to amortise a commit; small enough that one transaction never holds the database for long. */
    static final int MAX_BATCH = 500;

    private record Pending(StoreWrite write, CompletableFuture<Void> done) {
    }

    private final MessageStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queuedOrClosed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    private final AtomicLong transactions = new AtomicLong();
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private boolean closed;

    /** Starts the writer thread; {@link #close} stops it after writing what is queued. */
    public WriteQueue(MessageStore store) {
        this.store = Objects.requireNonNull(store, "store");
        // A platform thread: JDBC drivers (SQLite's native calls) would pin a virtual thread's carrier anyway.
        this.writer = Thread.ofPlatform().daemon().name("webwx-store-writer").start(this::run);
    }

    /**
     * Queues {@code write}. The future completes when it is committed, or fails with the {@link StoreException} or
     * {@link IllegalArgumentException} the store threw for it (a closed queue fails it at once).
     */
    public CompletableFuture<Void> submit(StoreWrite write) {
        Objects.requireNonNull(write, "write");
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                done.completeExceptionally(new StoreException(StoreException.Reason.FAILED,
                        "the message store is closed", null));
                return done;
            }
            queue.add(new Pending(write, done));
            last = done;
            queuedOrClosed.signal();
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** Completes, never exceptionally, when every write submitted before it has been written or has failed. */
    public CompletableFuture<Void> flush() {
        lock.lock();
        try {
            return last.handle((ok, failure) -> null);
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking writes, writes what is queued, and waits for the writer thread. The store stays open. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queuedOrClosed.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) queuedOrClosed.awaitUninterruptibly();
                if (queue.isEmpty()) return; // closed and drained
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.poll());
            } finally {
                lock.unlock();
            }
            write(batch);
            batch.clear();
        }
    }

    /** How many transactions the writer ran, for tests: far fewer than writes under a burst. */
    long transactions() {
        return transactions.get();
    }

    private void write(List<Pending> batch) {
        transactions.incrementAndGet();
        try {
            store.writeAll(batch.stream().map(Pending::write).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(failure);
                return;
            }
            for (Pending p : batch) { // find the write that broke the batch; the others are written after all
                transactions.incrementAndGet();
                try {
                    store.writeAll(List.of(p.write()));
                    p.done().complete(null);
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
        }
    }
}
