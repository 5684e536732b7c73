package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: durable appends made while a force runs share the next one, and none returns before a force that
 * began after its write has ended. The forces go through a recording seam that really forces the file, counts the
 * forces, notes how many bytes each one covers, and can hold or fail a chosen one.
 */
class AppendLogGroupCommitTest {

    @TempDir
    Path dir;

    /** One appender's durable append: what was on the disk for sure when it returned, or how it failed. */
    private record Outcome(String id, long onDiskAtReturn, Throwable failure) {
    }

    private static List<JsonNode> record(String id) {
        return List.of(Json.MAPPER.createObjectNode().put("id", id));
    }

    private static Thread appender(AppendLog log, RecordingForce force, String id, List<Outcome> outcomes) {
        return Thread.ofVirtual().start(() -> {
            try {
                log.append(record(id), true);
                outcomes.add(new Outcome(id, force.onDisk(), null));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(id, force.onDisk(), e));
            }
        });
    }

    /** Where the line of {@code id} ends in the file, newline included. */
    private static long endOf(Path file, String id) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String line = "{\"id\":\"" + id + "\"}\n";
        int at = content.indexOf(line);
        assertTrue(at >= 0, id + " is in the file");
        return content.substring(0, at + line.length()).getBytes(StandardCharsets.UTF_8).length;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) assertTrue(thread.join(Duration.ofSeconds(15)), "appender ended");
    }

    /**
     * Appends "first" and holds its force until {@code others} appends ("w0", "w1"...) are written meanwhile, then
     * lets the forces go on; returns every appender's outcome once all ended.
     */
    private static List<Outcome> appendWhileTheFirstForceIsHeld(AppendLog log, RecordingForce force, int others)
            throws InterruptedException {
        CountDownLatch firstForce = force.hold(1);
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(appender(log, force, "first", outcomes));
        Await.until(() -> force.forces() == 1, "the first append forces");
        for (int i = 0; i < others; i++) threads.add(appender(log, force, "w" + i, outcomes));
        Await.until(() -> log.lines() == 1 + others, "the later appends are written while the first force runs");
        assertTrue(outcomes.isEmpty(), "nobody returns while the force that covers them has not ended");
        firstForce.countDown();
        join(threads);
        return outcomes;
    }

    @Test
    void appendsWrittenWhileAForceRunsShareTheNextForceAndEachReturnsOnlyOnceItsBytesAreForced() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("outbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        int waiting = 8;
        List<Outcome> outcomes = appendWhileTheFirstForceIsHeld(log, force, waiting);

        assertEquals(2, force.forces(), "one force for the first append, one shared by the eight written meanwhile");
        assertFalse(force.overlapped(), "forces run one at a time");
        assertEquals(List.of(endOf(file, "first"), Files.size(file)), force.coveredBytes());
        assertEquals(1 + waiting, outcomes.size());
        for (Outcome outcome : outcomes) {
            assertNull(outcome.failure(), outcome.id());
            assertTrue(outcome.onDiskAtReturn() >= endOf(file, outcome.id()),
                    outcome.id() + " returned only after a force that covers its bytes");
        }
        log.close();
    }

    @Test
    void manyThreadsAppendingDurablyAllReturnForcedAndNothingIsLost() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("inbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        int threadCount = 16;
        int each = 40;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    String id = "t" + thread + "-" + i;
                    log.append(record(id), true);
                    outcomes.add(new Outcome(id, force.onDisk(), null));
                }
            }));
        }
        join(threads);

        assertEquals(threadCount * each, outcomes.size());
        for (Outcome outcome : outcomes) {
            assertTrue(outcome.onDiskAtReturn() >= endOf(file, outcome.id()),
                    outcome.id() + " returned only after a force that covers its bytes");
        }
        assertTrue(force.forces() <= threadCount * each, "never more forces than appends");
        assertFalse(force.overlapped(), "forces run one at a time");
        log.close();
        AppendLog.Opened reread = AppendLog.open(file);
        reread.log().close();
        assertEquals(threadCount * each, reread.records().size(), "every record read back");
    }

    @Test
    void aFailingForceFailsEveryAppendItCoveredAndTheNextAppendForcesAgain() throws Exception {
        RecordingForce force = new RecordingForce();
        force.fail(2);
        Path file = dir.resolve("outbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        List<Outcome> outcomes = appendWhileTheFirstForceIsHeld(log, force, 5);

        assertEquals(2, force.forces(), "the five share the second force, which fails");
        for (Outcome outcome : outcomes) {
            if (outcome.id().equals("first")) {
                assertNull(outcome.failure(), "the first force succeeded");
            } else {
                UncheckedIOException failure = assertInstanceOf(UncheckedIOException.class, outcome.failure(),
                        outcome.id() + " fails with the force that covered it");
                assertEquals("cannot append to " + file.toAbsolutePath(), failure.getMessage());
                assertEquals("the disk refused force 2", failure.getCause().getMessage());
            }
        }

        log.append(record("after"), true);
        assertEquals(3, force.forces(), "a later append does not take the failed force for its own");
        assertTrue(force.onDisk() >= endOf(file, "after"));
        log.close();
    }

    @Test
    void closingForcesAppendsWrittenButNotYetWaitedFor() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("outbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        AppendLog.Commit first = log.write(record("a"), true);
        AppendLog.Commit second = log.write(record("b"), true);
        log.close();
        first.awaitDisk();
        second.awaitDisk();
        assertEquals(1, force.forces(), "the closing force covers both; waiting afterwards forces nothing more");
        assertEquals(Files.size(file), force.onDisk());
    }

    @Test
    void aRewriteFirstForcesTheAppendsStillWaitingInTheOldFile() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("inbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        AppendLog.Commit waiting = log.write(record("a"), true);
        long written = Files.size(file);
        log.rewrite(record("compacted"));
        assertEquals(1, force.forces(), "the old file is forced before it is replaced");
        assertEquals(List.of(written), force.coveredBytes());
        waiting.awaitDisk();
        assertEquals(1, force.forces(), "the append's wait is already over");
        log.close();
    }

    @Test
    void appendsThatAreNotDurableAreNotForcedUntilTheClose() throws Exception {
        RecordingForce force = new RecordingForce();
        AppendLog log = AppendLog.open(dir.resolve("inbox.journal"), force).log();
        for (int i = 0; i < 5; i++) log.append(record("d" + i), false);
        assertEquals(0, force.forces());
        log.close();
        assertEquals(1, force.forces(), "closing forces what was appended");
    }

    @Test
    void anAppenderInterruptedWhileItWaitsStillForcesForEveryoneAndKeepsItsInterrupt() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("outbox.journal");
        AppendLog log = AppendLog.open(file, force).log();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread appender = Thread.ofVirtual().start(() -> {
            try {
                AppendLog.Commit commit = log.write(record("a"), true);
                Thread.currentThread().interrupt(); // say, a stop interrupting the handler
                commit.awaitDisk();
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        assertTrue(appender.join(Duration.ofSeconds(15)));
        assertNull(failure.get(), "the force was not cut short by the interrupt");
        assertTrue(stillInterrupted.get(), "the appender gets its interrupt back");
        assertEquals(Files.size(file), force.onDisk());
        log.append(record("b"), true);
        assertEquals(2, force.forces(), "the file is still open for the next appender");
        log.close();
    }
}
