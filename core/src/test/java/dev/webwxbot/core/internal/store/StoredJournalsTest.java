package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.MemoryStateStorage;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inbound journal, the outbox and the snapshot kept in a session state storage (a cluster's Redis, which holds
 * everything in memory): what they keep stays bounded by what is still needed plus a little, where files may grow to
 * several times that first; a second opening finds what the first left; and the snapshot is written without the
 * recent message ids, which the journal in the same storage remembers.
 */
class StoredJournalsTest {

    private final MemoryStateStorage storage = new MemoryStateStorage();

    @Test
    void aStoredJournalOfManyHandledMessagesStaysWithinWhatItRemembersPlusItsSlackAndReopensWithThem() {
        int seen = 500;
        InboundJournal journal = InboundJournal.open(storage, Clock.systemUTC(), seen);
        int largest = 0;
        for (int i = 0; i < 5_000; i++) {
            journal.add(List.of(message("m" + i)));
            journal.done("m" + i);
            largest = Math.max(largest, storage.log(SessionStateStorage.INBOX).size());
        }
        journal.add(List.of(message("unfinished")));
        journal.close();
        assertTrue(largest <= seen + InboundJournal.STORED_SLACK + 2, largest + " records at most");

        InboundJournal reopened = InboundJournal.open(storage, Clock.systemUTC(), seen);
        assertEquals(List.of("unfinished"), reopened.pending().stream().map(InboundJournal.Entry::msgId).toList());
        assertTrue(reopened.knownIds().contains("m4999"), "the latest finished ids are remembered");
        assertFalse(reopened.knownIds().contains("m0"), "the oldest are forgotten");
        reopened.close();
    }

    @Test
    void aStoredOutboxKeepsAboutAThousandSettledSends() {
        Outbox outbox = Outbox.open(storage);
        for (int i = 0; i < 5_000; i++) {
            outbox.intend("c" + i, "@friend", Json.MAPPER.createObjectNode().put("text", "answer " + i));
            outbox.sent("c" + i, "id" + i);
        }
        int kept = storage.log(SessionStateStorage.OUTBOX).size();
        assertTrue(kept <= 2 * (2 * Outbox.STORED_SETTLED_CAPACITY + 1), kept + " records");
        assertTrue(outbox.find("c4999").isPresent() && outbox.sentAs("id4999"), "the latest sends are known");
        outbox.close();
    }

    @Test
    void theStoredSnapshotLeavesTheRecentIdsToTheJournal() {
        StoredSessionStore store = new StoredSessionStore(storage);
        store.save(new SessionSnapshot(SessionSnapshot.CURRENT_VERSION, "wx.qq.com",
                new Credentials("skey", "sid", 1L, "ticket"), "@me", SyncKey.EMPTY, SyncKey.EMPTY,
                List.<CookieJar.StoredCookie>of(), List.of("id1", "id2"), Instant.parse("2026-12-07T12:00:00Z")));
        SessionSnapshot loaded = new StoredSessionStore(storage).load().orElseThrow(); // as the next session reads it
        assertEquals(List.of(), loaded.recentMsgIds());
        assertEquals("@me", loaded.selfUserName());
        assertFalse(storage.loadSnapshot().orElseThrow().contains("id1"));
    }

    @Test
    void aStoredSnapshotThatCannotBeReadFailsTheStoresMakingInsteadOfLookingLikeNone() {
        SessionStateStorage unreachable = new SessionStateStorage() {
            @Override
            public java.util.Optional<String> loadSnapshot() {
                throw new IllegalStateException("account a's state was not read: Redis unreachable");
            }

            @Override
            public void saveSnapshot(String json) {
            }

            @Override
            public void clearSnapshot() {
            }

            @Override
            public RecordLog openLog(String name) {
                throw new IllegalStateException("account a's state was not read: Redis unreachable");
            }
        };
        // "Nothing saved" would mean a fresh login with a new QR code; a storage that did not answer must be retried.
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> new StoredSessionStore(unreachable));
        assertTrue(failed.getMessage().contains("Redis unreachable"), failed.getMessage());
    }

    private static JsonNode message(String id) {
        return Json.MAPPER.createObjectNode().put("MsgId", id).put("MsgType", 1).put("Content", "hello");
    }
}
