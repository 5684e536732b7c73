package dev.webwxbot.core.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test seam for the journals' forces: forces the file as production does and records each force (how many bytes
 * it covers, whether two ever overlapped); a chosen force can be held until released (longer than
 * {@code Await}'s patience, so a test that waits on something the held force blocks fails rather than hangs) or
 * made to fail. Force {@code n} counts from 1.
 */
final class RecordingForce implements AppendLog.DiskForce {
    private final Map<Integer, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private final List<Long> coveredBytes = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean overlapped = new AtomicBoolean();
    /** The size of the file when the latest successful force began: what is on the disk for sure. */
    private volatile long onDisk;

    /** Force {@code n} waits, once begun, until the returned latch is released. */
    CountDownLatch hold(int n) {
        return holds.computeIfAbsent(n, k -> new CountDownLatch(1));
    }

    void fail(int n) {
        failing.add(n);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        int n = started.incrementAndGet();
        if (running.incrementAndGet() > 1) overlapped.set(true);
        try {
            long size = channel.size();
            coveredBytes.add(size);
            CountDownLatch held = holds.get(n);
            if (held != null && !held.await(60, TimeUnit.SECONDS)) throw new IOException("held force " + n);
            if (failing.contains(n)) throw new IOException("the disk refused force " + n);
            channel.force(false);
            onDisk = size;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    int forces() {
        return started.get();
    }

    /** Whether two forces ever ran at once. */
    boolean overlapped() {
        return overlapped.get();
    }

    /** The size of the file when each force began, in order. */
    List<Long> coveredBytes() {
        return List.copyOf(coveredBytes);
    }

    long onDisk() {
        return onDisk;
    }
}
