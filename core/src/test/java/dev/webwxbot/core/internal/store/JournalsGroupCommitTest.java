package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and the inbound journal wait for the disk without holding their own lock: while one caller's force
 * runs, the others write their records (and share the next force) and the bookkeeping stays usable.
 */
class JournalsGroupCommitTest {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static long lines(Path file) throws Exception {
        return Files.readAllLines(file).size();
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) assertTrue(thread.join(Duration.ofSeconds(15)), "caller ended");
    }

    @Test
    void intentsWrittenWhileAnIntentIsBeingForcedShareTheNextForceAndEachIsOnTheDiskWhenIntendReturns()
            throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("outbox.journal");
        Outbox outbox = Outbox.open(file, Outbox.SETTLED_CAPACITY, force);
        CountDownLatch firstForce = force.hold(1);
        List<Thread> callers = new ArrayList<>();
        List<String> returned = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Integer.toString(i);
            callers.add(Thread.ofVirtual().start(() -> {
                assertTrue(outbox.intend(id, "@a", OutgoingSpec.toJson(Outgoing.text("answer " + id))));
                returned.add(id);
            }));
            if (i == 0) Await.until(() -> force.forces() == 1, "the first intent is being forced");
        }
        Await.until(() -> lines(file) == 5, "the other intents are written while the first is forced");
        assertTrue(outbox.find("0").isPresent(), "the outbox answers while the disk works");
        assertTrue(returned.isEmpty(), "no intent returns before a force covers it");
        firstForce.countDown();
        join(callers);

        assertEquals(2, force.forces(), "the four intents written during the first force share the second");
        assertEquals(5, returned.size());
        assertEquals(Files.size(file), force.onDisk(), "every intent was on the disk when intend returned");
        outbox.close();
        try (Outbox reopened = Outbox.open(file)) {
            assertEquals(5, reopened.leftPending().size());
        }
    }

    @Test
    void completionsAndOtherBatchesGoOnWhileABatchIsBeingForced() throws Exception {
        RecordingForce force = new RecordingForce();
        Path file = dir.resolve("inbox.journal");
        InboundJournal journal = InboundJournal.open(file, FROZEN, InboundJournal.SEEN_CAPACITY, force);
        journal.add(List.of(message("m0")));
        CountDownLatch secondForce = force.hold(2);
        AtomicBoolean firstBatchKept = new AtomicBoolean();
        List<Thread> batches = new ArrayList<>();
        batches.add(Thread.ofVirtual().start(() -> {
            journal.add(List.of(message("m1")));
            firstBatchKept.set(true);
        }));
        Await.until(() -> force.forces() == 2, "the batch of m1 is being forced");

        journal.done("m0");
        assertEquals(List.of("m1"), journal.pending().stream().map(InboundJournal.Entry::msgId).toList(),
                "a completion is taken while the disk works");
        for (String id : List.of("m2", "m3")) {
            batches.add(Thread.ofVirtual().start(() -> journal.add(List.of(message(id)))));
        }
        Await.until(() -> lines(file) == 5, "two more batches are written while m1's is forced");
        assertFalse(firstBatchKept.get(), "the batch returns only once it is on the disk");
        secondForce.countDown();
        join(batches);

        assertTrue(firstBatchKept.get());
        assertEquals(3, force.forces(), "m2 and m3 share the third force");
        assertEquals(Files.size(file), force.onDisk());
        journal.close();
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN)) {
            assertEquals(List.of("m1", "m2", "m3"),
                    reopened.pending().stream().map(InboundJournal.Entry::msgId).sorted().toList());
        }
    }

    private static JsonNode message(String msgId) {
        return Json.MAPPER.createObjectNode().put("MsgId", msgId).put("Content", "hi");
    }
}
