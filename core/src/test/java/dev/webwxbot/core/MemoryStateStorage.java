package dev.webwxbot.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SessionStateStorage} in memory, as a cluster's shared store behaves: {@link #crashCopy} is what the store
 * holds at the instant a process is killed, and fences this one off, so that the old process's later writes are
 * refused, as a lease's fencing refuses them.
 */
public final class MemoryStateStorage implements SessionStateStorage {

    private final ReentrantLock lock = new ReentrantLock();
    private String snapshot;
    private final Map<String, List<String>> logs = new HashMap<>();
    private boolean fenced;
    private int refusedWrites;

    @Override
    public Optional<String> loadSnapshot() {
        lock.lock();
        try {
            return Optional.ofNullable(snapshot);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveSnapshot(String json) {
        write(() -> snapshot = json);
    }

    @Override
    public void clearSnapshot() {
        write(() -> snapshot = null);
    }

    @Override
    public RecordLog openLog(String name) {
        lock.lock();
        try {
            List<String> opened = List.copyOf(logs.computeIfAbsent(name, n -> new ArrayList<>()));
            return new RecordLog() {
                @Override
                public List<String> records() {
                    return opened;
                }

                @Override
                public void append(List<String> records) {
                    write(() -> logs.get(name).addAll(records));
                }

                @Override
                public void rewrite(List<String> records) {
                    write(() -> {
                        logs.get(name).clear();
                        logs.get(name).addAll(records);
                    });
                }

                @Override
                public long size() {
                    lock.lock();
                    try {
                        return logs.get(name).size();
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void close() {
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /** What the store holds now, in a new storage; this one refuses every later write. */
    public MemoryStateStorage crashCopy() {
        lock.lock();
        try {
            MemoryStateStorage copy = new MemoryStateStorage();
            copy.snapshot = snapshot;
            logs.forEach((name, records) -> copy.logs.put(name, new ArrayList<>(records)));
            fenced = true;
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** How many writes were refused since the fence. */
    public int refusedWrites() {
        lock.lock();
        try {
            return refusedWrites;
        } finally {
            lock.unlock();
        }
    }

    /** The records of log {@code name} now. */
    public List<String> log(String name) {
        lock.lock();
        try {
            return List.copyOf(logs.getOrDefault(name, List.of()));
        } finally {
            lock.unlock();
        }
    }

    private void write(Runnable change) {
        lock.lock();
        try {
            if (fenced) {
                refusedWrites++;
                throw new IllegalStateException("this process no longer holds the account");
            }
            change.run();
        } finally {
            lock.unlock();
        }
    }
}
