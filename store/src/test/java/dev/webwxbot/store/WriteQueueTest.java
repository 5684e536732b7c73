package dev.webwxbot.store;

import static dev.webwxbot.store.TestMessages.T0;
import static dev.webwxbot.store.TestMessages.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueueTest {

    @TempDir
    Path dataDir;

    private MessageStore store;
    private WriteQueue queue;

    @BeforeEach
    void open() {
        store = MessageStore.open(StoreSettings.sqlite(dataDir.resolve("data")));
        queue = new WriteQueue(store);
    }

    @AfterEach
    void close() {
        queue.close();
        store.close();
    }

    @Test
    void writesQueuedWhileATransactionRunsShareTheNextOne() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        // Holding the database keeps the writer inside its first transaction while 2,000 more writes queue up.
        store.database().call("holding the database", c -> {
            for (int i = 0; i < 2000; i++) done.add(queue.submit(message(i)));
            return null;
        });
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(2000, store.stats().messages());
        // The first transaction may have taken one write or a few; the rest go 500 to a transaction.
        assertTrue(queue.transactions() <= 1 + 2000 / WriteQueue.MAX_BATCH + 1,
                "2,000 writes in " + queue.transactions() + " transactions");
    }

    @Test
    void aBadWriteFailsAloneAndTheRestOfItsBatchIsWritten() {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        store.database().call("holding the database", c -> {
            done.add(queue.submit(message(1)));
            done.add(queue.submit(new StoreWrite.Message(new StoredMessage(0, "alice", Direction.IN, "message.text",
                    "bad", "", "@c", "", "", "", "", T0, "", "not json", Optional.empty(), "received", ""))));
            done.add(queue.submit(message(2)));
            return null;
        });
        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> done.get(1).orTimeout(30, TimeUnit.SECONDS).join());
        assertInstanceOf(IllegalArgumentException.class, failed.getCause());
        done.get(0).join();
        done.get(2).join();
        assertEquals(2, store.stats().messages());
    }

    @Test
    void flushCompletesOnlyOnceEverythingSubmittedBeforeIsWritten() {
        CompletableFuture<Void> flushed = store.database().call("holding the database", c -> {
            for (int i = 0; i < 10; i++) queue.submit(message(i));
            CompletableFuture<Void> f = queue.flush();
            assertFalse(f.isDone(), "the writes wait for the database");
            return f;
        });
        flushed.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(10, store.stats().messages());
        assertTrue(queue.flush().isDone(), "nothing queued: a flush is done at once");
    }

    @Test
    void closeWritesWhatIsQueuedAndThenRefusesWrites() {
        store.database().call("holding the database", c -> {
            for (int i = 0; i < 300; i++) queue.submit(message(i));
            return null;
        });
        queue.close();
        assertEquals(300, store.stats().messages());
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> queue.submit(message(301)).join());
        assertInstanceOf(StoreException.class, refused.getCause());
    }

    @Test
    void contactsOutcomesAndMessagesOfOneBatchEndAsIfWrittenOneByOne() {
        store.database().call("holding the database", c -> {
            queue.submit(new StoreWrite.Message(TestMessages.queuedSend("L1", "first").build()));
            queue.submit(new StoreWrite.Contact("alice", new StoredContact("@bob", "Bob", "", "friend", T0.plusSeconds(10))));
            queue.submit(new StoreWrite.Contact("alice", new StoredContact("@bob", "Bobby", "my brother", "friend",
                    T0.plusSeconds(20))));
            queue.submit(new StoreWrite.Contact("alice", new StoredContact("@bob", "Old Bob", "", "friend", T0)));
            queue.submit(new StoreWrite.SendOutcome("alice", "L1", "9001", "sent", ""));
            return null;
        });
        queue.flush().orTimeout(30, TimeUnit.SECONDS).join();
        StoredContact bob = store.contact("alice", "@bob").orElseThrow();
        assertEquals("Bobby", bob.name());
        assertEquals("my brother", bob.remark());
        assertEquals(T0.plusSeconds(20), bob.seen());
        assertEquals("sent", store.byMsgId("alice", "9001").orElseThrow().status(), "the outcome follows its send");
        assertEquals(List.of(), store.pendingSends("alice"));
    }

    private static StoreWrite message(int i) {
        return new StoreWrite.Message(in("m" + i, "queued write " + i).at(T0.plusMillis(i)).build());
    }
}
