package dev.webwxbot.testkit;

import dev.webwxbot.api.event.ContactEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The contact and group events the bot's session raised, in order, each with the key its {@link Handling} is kept
 * under, so a test can wait for the one its change caused. Thread-safe: written by the session, awaited by tests.
 */
final class ContactEventLog {

    /** One event, and the key of its handling ({@code event-1}, {@code event-2}…; message ids are digits). */
    record Entry(String key, ContactEvent event) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final List<Entry> entries = new ArrayList<>();

    Entry add(ContactEvent event) {
        lock.lock();
        try {
            Entry entry = new Entry("event-" + (entries.size() + 1), event);
            entries.add(entry);
            added.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** How many events came so far: where a test starts looking for the one its next change raises. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** The first event from position {@code from} on that {@code wanted} accepts, waiting up to {@code within}. */
    Optional<Entry> await(int from, Predicate<ContactEvent> wanted, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            int next = from;
            while (true) {
                for (; next < entries.size(); next++) {
                    if (wanted.test(entries.get(next).event())) return Optional.of(entries.get(next));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return Optional.empty();
                added.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }
}
