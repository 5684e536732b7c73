package dev.webwxbot.core.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** The most recent dispatch traces, oldest dropped first. Thread-safe. */
final class TraceLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<DispatchTrace> traces = new ArrayDeque<>();
    private volatile int capacity;

    TraceLog(int capacity) {
        this.capacity = capacity;
    }

    void capacity(int newCapacity) {
        lock.lock();
        try {
            capacity = newCapacity;
            trim();
        } finally {
            lock.unlock();
        }
    }

    void add(DispatchTrace trace) {
        lock.lock();
        try {
            traces.addLast(trace);
            trim();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Oldest first; with {@code chat}, only those of chats whose display name, nickname or remark name equals it;
     * with {@code account}, only that account's.
     */
    List<DispatchTrace> recent(Optional<String> chat, Optional<String> account) {
        lock.lock();
        try {
            List<DispatchTrace> matching = new ArrayList<>();
            for (DispatchTrace trace : traces) {
                if ((chat.isEmpty() || inChat(trace, chat.get()))
                        && (account.isEmpty() || account.get().equals(trace.account()))) {
                    matching.add(trace);
                }
            }
            return List.copyOf(matching);
        } finally {
            lock.unlock();
        }
    }

    private static boolean inChat(DispatchTrace trace, String name) {
        return ChatScope.chatOf(trace.event()).filter(chat -> name.equals(chat.displayName())
                || name.equals(chat.nickName()) || name.equals(chat.remarkName())).isPresent();
    }

    private void trim() {
        while (traces.size() > capacity) traces.removeFirst();
    }
}
