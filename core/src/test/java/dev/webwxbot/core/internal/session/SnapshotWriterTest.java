package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Session-file saves: at most one per interval, the newest snapshot winning; close writes what is pending at once,
 * waits for a save under way, and nothing is written after it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnapshotWriterTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** Snapshots are built inside the save, so the names built are the saves made, in order. */
    private final List<String> built = new CopyOnWriteArrayList<>();
    private final AtomicInteger saves = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final CountDownLatch firstSaveStarted = new CountDownLatch(1);
    private final CountDownLatch firstSaveMayEnd = new CountDownLatch(1);
    private final ManualClock clock = ManualClock.startingNow();
    /** The timer's tasks with their delays; run by the test once it moved the clock. */
    private final List<Delayed> timers = new CopyOnWriteArrayList<>();

    private record Delayed(Duration delay, Runnable task) {
    }

    private final SessionStore slowFirstSave = new SessionStore() {
        @Override
        public Optional<SessionSnapshot> load() {
            return Optional.empty();
        }

        @Override
        public void save(SessionSnapshot snapshot) {
            if (saves.incrementAndGet() == 1) {
                firstSaveStarted.countDown();
                try {
                    firstSaveMayEnd.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void clear() {
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    };

    private SnapshotWriter writer() {
        return new SnapshotWriter(slowFirstSave, INTERVAL, clock, (delay, task) -> timers.add(new Delayed(delay, task)));
    }

    private Supplier<SessionSnapshot> snapshot(String name) {
        return () -> {
            built.add(name);
            return null; // the fake store needs no content
        };
    }

    @Test
    void requestsWithinTheIntervalCollapseIntoOneWriteOfTheNewestWhenTheIntervalHasPassed() {
        firstSaveMayEnd.countDown();
        SnapshotWriter writer = writer();
        writer.request(snapshot("login"));
        Await.until(() -> built.equals(List.of("login")), "the first save, written at once");
        assertEquals(List.of(), timers, "the first save waited for nothing");

        clock.advance(Duration.ofMillis(300));
        writer.request(snapshot("sync 1"));
        writer.request(snapshot("sync 2"));
        writer.request(snapshot("sync 3"));
        // Scheduled by this request or, if the first save was still ending, by that save on its way out.
        Await.until(() -> timers.size() == 1, "a write scheduled");
        assertEquals(1, timers.size(), "one write is scheduled for all three");
        assertEquals(Duration.ofMillis(700), timers.getFirst().delay(), "a second after the last write began");
        assertEquals(List.of("login"), built, "nothing written before the interval has passed");

        clock.advance(Duration.ofMillis(700));
        timers.removeFirst().task().run();
        Await.until(() -> built.equals(List.of("login", "sync 3")), "one write, of the newest snapshot");
        Await.until(() -> saves.get() == 2, "the second save");

        clock.advance(Duration.ofSeconds(5));
        writer.request(snapshot("after a quiet spell"));
        Await.until(() -> built.size() == 3, "a request long after the last write is written at once");
        assertEquals(List.of(), timers);
    }

    @Test
    void closeWritesTheNewestPendingSnapshotAtOnceWithoutWaitingForTheInterval() {
        firstSaveMayEnd.countDown();
        SnapshotWriter writer = writer();
        writer.request(snapshot("login"));
        Await.until(() -> saves.get() == 1, "the first save");
        writer.request(snapshot("sync 1"));
        writer.request(snapshot("sync 2")); // held back: the interval has not passed

        writer.close();
        assertEquals(List.of("login", "sync 2"), built, "written by close, on the clock's same millisecond");
        assertEquals(1, closes.get(), "and the store closed after it");

        timers.forEach(timer -> timer.task().run()); // the held-back write's timer fires after the stop
        writer.request(snapshot("after stop"));
        assertEquals(List.of("login", "sync 2"), built, "nothing after close");
    }

    @Test
    void closeWaitsForTheSaveUnderWayWritesTheNewestRequestAndNothingAfter() throws Exception {
        SnapshotWriter writer = writer();
        writer.request(snapshot("first"));
        assertTrue(firstSaveStarted.await(10, TimeUnit.SECONDS));
        writer.request(snapshot("second"));
        writer.request(snapshot("third")); // newest wins: "second" is never written

        Thread closer = Thread.startVirtualThread(writer::close);
        assertFalse(closer.join(Duration.ofMillis(300)), "close returned while a save was still being written");
        firstSaveMayEnd.countDown();
        assertTrue(closer.join(Duration.ofSeconds(10)), "close returns once the save under way is done");

        assertEquals(List.of("first", "third"), built);
        timers.forEach(timer -> timer.task().run());
        writer.request(snapshot("after stop"));
        assertEquals(List.of("first", "third"), built);
        assertEquals(2, saves.get());
    }

    @Test
    void closeWithNothingPendingWritesNothingAndLaterRequestsAreIgnored() throws Exception {
        firstSaveMayEnd.countDown();
        SnapshotWriter writer = writer();
        writer.request(snapshot("only"));
        assertTrue(firstSaveStarted.await(10, TimeUnit.SECONDS));

        writer.close();
        writer.close(); // twice is harmless
        writer.request(snapshot("late"));

        assertEquals(List.of("only"), built);
        assertEquals(1, closes.get());
    }
}
