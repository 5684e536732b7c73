package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
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

/** Session-file saves end with the session: close waits for a save under way and nothing is written after it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnapshotWriterTest {

    /** Snapshots are built inside the save, so the names built are the saves made, in order. */
    private final List<String> built = new CopyOnWriteArrayList<>();
    private final AtomicInteger saves = new AtomicInteger();
    private final CountDownLatch firstSaveStarted = new CountDownLatch(1);
    private final CountDownLatch firstSaveMayEnd = new CountDownLatch(1);

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
    };

    private Supplier<SessionSnapshot> snapshot(String name) {
        return () -> {
            built.add(name);
            return null; // the fake store needs no content
        };
    }

    @Test
    void closeWaitsForTheSaveUnderWayWritesTheNewestRequestAndNothingAfter() throws Exception {
        SnapshotWriter writer = new SnapshotWriter(slowFirstSave);
        writer.request(snapshot("first"));
        assertTrue(firstSaveStarted.await(10, TimeUnit.SECONDS));
        writer.request(snapshot("second"));
        writer.request(snapshot("third")); // newest wins: "second" is never written

        Thread closer = Thread.startVirtualThread(writer::close);
        assertFalse(closer.join(Duration.ofMillis(300)), "close returned while a save was still being written");
        firstSaveMayEnd.countDown();
        assertTrue(closer.join(Duration.ofSeconds(10)), "close returns once the save under way is done");

        assertEquals(List.of("first", "third"), built);
        writer.request(snapshot("after stop"));
        Thread.sleep(300); // a save would start a thread at once; give one the chance to show up
        assertEquals(List.of("first", "third"), built);
        assertEquals(2, saves.get());
    }

    @Test
    void closeWithNothingPendingWritesNothingAndLaterRequestsAreIgnored() throws Exception {
        firstSaveMayEnd.countDown();
        SnapshotWriter writer = new SnapshotWriter(slowFirstSave);
        writer.request(snapshot("only"));
        assertTrue(firstSaveStarted.await(10, TimeUnit.SECONDS));

        writer.close();
        writer.close(); // twice is harmless
        writer.request(snapshot("late"));
        Thread.sleep(300);

        assertEquals(List.of("only"), built);
    }
}
