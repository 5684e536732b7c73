package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundJournalTest {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private static JsonNode message(String msgId, String text) {
        return Json.MAPPER.createObjectNode().put("MsgId", msgId).put("MsgType", 1).put("Content", text);
    }

    @Test
    void unfinishedMessagesComeBackInOrderAfterReopeningAndFinishedOnesOnlyAsKnownIds() throws Exception {
        Path file = dir.resolve("inbox.journal");
        try (InboundJournal journal = InboundJournal.open(file, FROZEN)) {
            journal.add(List.of(message("1", "one"), message("2", "two"), message("3", "three")));
            journal.done("2");
        }
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN)) {
            assertEquals(List.of("1", "3"), reopened.pending().stream().map(InboundJournal.Entry::msgId).toList());
            assertEquals("three", reopened.pending().get(1).raw().get("Content").asText());
            assertEquals(List.of("2", "1", "3"), reopened.knownIds());
        }
    }

    @Test
    void stampsAreUniqueIncreasingAndKeptAcrossRestarts() throws Exception {
        Path file = dir.resolve("inbox.journal");
        long firstStamp;
        try (InboundJournal journal = InboundJournal.open(file, FROZEN)) {
            List<InboundJournal.Entry> entries = journal.add(List.of(message("1", "a"), message("2", "b")));
            firstStamp = entries.get(0).stamp();
            assertEquals(firstStamp + 1, entries.get(1).stamp(), "same millisecond, still distinct");
        }
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN)) {
            assertEquals(firstStamp, reopened.pending().get(0).stamp(), "an answer id derived from it is the same");
            assertEquals(firstStamp + 2, reopened.add(List.of(message("3", "c"))).get(0).stamp());
        }
    }

    @Test
    void aTornLastLineFromACrashIsSkippedWithOneWarningAndTheRestIsKept() throws Exception {
        Path file = dir.resolve("inbox.journal");
        try (InboundJournal journal = InboundJournal.open(file, FROZEN)) {
            journal.add(List.of(message("1", "kept")));
        }
        Files.write(file, "{\"op\":\"add\",\"id\":\"2\",\"sta".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN)) {
            assertEquals(List.of("1"), reopened.pending().stream().map(InboundJournal.Entry::msgId).toList());
        }
        assertEquals(1, logs.atLeast(Level.WARN).size());
        assertTrue(logs.atLeast(Level.WARN).get(0).contains("1 torn or unreadable record(s) skipped"));
    }

    @Test
    void completionsAfterCloseAreNotKeptSoACutOffHandlerLeavesItsMessageForTheNextRun() throws Exception {
        Path file = dir.resolve("inbox.journal");
        InboundJournal journal = InboundJournal.open(file, FROZEN);
        journal.add(List.of(message("1", "cut off")));
        journal.close();
        journal.done("1");
        assertThrows(IllegalStateException.class, () -> journal.add(List.of(message("2", "too late"))));
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN)) {
            assertEquals(List.of("1"), reopened.pending().stream().map(InboundJournal.Entry::msgId).toList());
        }
    }

    @Test
    void awaitIdleReturnsWhenTheLastMessageIsDoneAndCountsWhatIsLeftOnTimeout() throws Exception {
        InboundJournal journal = InboundJournal.inMemory(FROZEN);
        journal.add(List.of(message("1", "a"), message("2", "b")));
        journal.done("1");
        assertEquals(1, journal.awaitIdle(Duration.ofMillis(10)));
        Thread.startVirtualThread(() -> journal.done("2"));
        assertEquals(0, journal.awaitIdle(Duration.ofSeconds(10)));
    }

    @Test
    void theFileIsOwnerOnlyAndStaysBoundedByCompaction() throws Exception {
        Path file = dir.resolve("inbox.journal");
        int capacity = 50;
        try (InboundJournal journal = InboundJournal.open(file, FROZEN, capacity)) {
            for (int i = 0; i < 10 * capacity; i++) {
                journal.add(List.of(message(Integer.toString(i), "m")));
                journal.done(Integer.toString(i));
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        long lines = Files.readAllLines(file).size();
        assertTrue(lines <= 4L * capacity + 2, lines + " lines");
        try (InboundJournal reopened = InboundJournal.open(file, FROZEN, capacity)) {
            assertEquals(capacity, reopened.knownIds().size());
            assertEquals(Integer.toString(10 * capacity - 1), reopened.knownIds().getLast(), "the newest kept");
            assertTrue(reopened.pending().isEmpty());
        }
    }

    @Test
    void messagesWithoutAnIdAreJournaledUnderALocalOne() throws Exception {
        InboundJournal journal = InboundJournal.inMemory(FROZEN);
        List<InboundJournal.Entry> entries = journal.add(List.of(message("", "no id")));
        assertTrue(entries.get(0).msgId().startsWith("local-"));
        assertEquals(1, journal.pending().size());
    }
}
