package dev.webwxbot.store;

import static dev.webwxbot.store.TestMessages.T0;
import static dev.webwxbot.store.TestMessages.in;
import static dev.webwxbot.store.TestMessages.queuedSend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@link MessageStore} does, whatever its database: run against SQLite always and against PostgreSQL when
 * the test script provides one. Subclasses say where the database is.
 */
abstract class MessageStoreContract {

    @TempDir
    Path dataDir;

    MessageStore store;

    /** Settings for a fresh, empty database (and media folder) under {@code dataDir}. */
    abstract StoreSettings settings(Path dataDir);

    @BeforeEach
    void openStore() {
        store = MessageStore.open(settings(dataDir));
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    @Test
    void thousandMixedMessagesAreFoundAgainByChineseAndEnglishWords() {
        List<StoredMessage> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TestMessages m = switch (i % 5) {
                case 0 -> in("m" + i, "今天天气很好，第" + i + "号会议取消了");
                case 1 -> in("m" + i, "Meeting notes #" + i + "! see you").kind("message.text");
                case 2 -> in("m" + i, "photo-" + i + ".jpg").kind("message.image");
                case 3 -> in("m" + i, "季度报告" + i + "号.pdf").kind("message.file");
                default -> in("m" + i, "").kind("message.voice");
            };
            StoredMessage message = m.at(T0.plusSeconds(i)).build();
            assertTrue(store.record(message));
            all.add(message);
        }
        for (int i = 0; i < 1000; i++) {
            String word = switch (i % 5) {
                case 0 -> "第" + i + "号会";
                case 1 -> "#" + i + "!";
                case 2 -> "photo-" + i + ".";
                case 3 -> "报告" + i + "号";
                default -> null;
            };
            if (word == null) continue;
            List<StoredMessage> found = store.search(SearchQuery.text(word));
            assertEquals(List.of("m" + i), found.stream().map(StoredMessage::msgId).toList(), word);
            assertEquals(all.get(i).withId(found.get(0).id()), found.get(0), "a message reads back as stored");
        }
        assertEquals(200, store.search(SearchQuery.text("meeting NOTES").limit(1000)).size(), "case-insensitive");
        assertEquals(200, store.search(SearchQuery.text("天气").limit(1000)).size(), "two characters: LIKE");
        assertEquals(200, store.search(SearchQuery.text("天气 取消").limit(1000)).size(), "every word must occur");
        assertEquals(0, store.search(SearchQuery.text("天气 Meeting")).size());
        assertEquals(200, store.search(SearchQuery.text("").kind("message.voice").limit(1000)).size());
        assertEquals(0, store.search(SearchQuery.text("100%_\"")).size(), "LIKE and FTS syntax are plain text");
        List<StoredMessage> newest = store.search(SearchQuery.text("会议").limit(3));
        assertEquals(List.of("m995", "m990", "m985"), newest.stream().map(StoredMessage::msgId).toList());
        assertEquals(1000, store.stats().messages());
    }

    @Test
    void searchBySenderIdentityFindsOnePersonUnderTheSessionNamesOfEveryLogin() {
        store.record(identified(in("1", "deploy done").sender("@first-login-bob", "Bob", "").build(), "wxid:wxid_bob"));
        store.record(identified(in("2", "deploy again").sender("@second-login-bob", "Bob", "").at(T0.plusSeconds(60))
                .build(), "wxid:wxid_bob"));
        store.record(in("3", "deploy too").sender("@another-bob", "Bob", "").at(T0.plusSeconds(120)).build());

        assertEquals(List.of("2", "1"), ids(SearchQuery.text("deploy").sender("wxid:wxid_bob")));
        assertEquals(List.of("3", "2", "1"), ids(SearchQuery.text("deploy").sender("Bob")), "a name finds every Bob");
        assertEquals("wxid:wxid_bob", store.search(SearchQuery.text("again")).getFirst().senderIdentity());
        assertEquals("", store.search(SearchQuery.text("too")).getFirst().senderIdentity());
    }

    private static StoredMessage identified(StoredMessage m, String identity) {
        return new StoredMessage(m.id(), m.account(), m.direction(), m.kind(), m.msgId(), m.localId(), m.chatId(),
                m.chatName(), m.senderId(), m.senderName(), m.senderGroupName(), m.time(), m.text(), m.fieldsJson(),
                m.media(), m.status(), m.failure(), m.quotedMsgId(), identity);
    }

    @Test
    void searchNarrowsByAccountChatSenderKindAndTime() {
        store.record(in("1", "lunch plans").chat("@@team", "Team").sender("@m1", "Carol", "Carol in team").build());
        store.record(in("2", "lunch plans").chat("@@team", "Team").sender("@m2", "Dave", "").at(T0.plusSeconds(60))
                .build());
        store.record(in("3", "lunch plans").kind("message.link").at(T0.plusSeconds(120)).build());
        store.record(in("4", "lunch plans").account("bob").at(T0.plusSeconds(180)).build());

        assertEquals(List.of("4", "3", "2", "1"), ids(SearchQuery.text("lunch")));
        assertEquals(List.of("2", "1"), ids(SearchQuery.text("lunch").chat("Team")));
        assertEquals(List.of("2", "1"), ids(SearchQuery.text("lunch").chat("@@team")));
        assertEquals(List.of("1"), ids(SearchQuery.text("lunch").sender("Carol")));
        assertEquals(List.of("1"), ids(SearchQuery.text("lunch").sender("Carol in team")));
        assertEquals(List.of("2"), ids(SearchQuery.text("lunch").sender("@m2")));
        assertEquals(List.of("3"), ids(SearchQuery.text("lunch").kind("message.link")));
        assertEquals(List.of("4"), ids(SearchQuery.text("lunch").account("bob")));
        assertEquals(List.of("3", "2"), ids(SearchQuery.text("lunch").between(T0.plusSeconds(60),
                T0.plusSeconds(180))), "from inclusive, to exclusive");
        assertEquals(List.of("4", "3"), ids(SearchQuery.any().between(T0.plusSeconds(120), null)));
        assertEquals(List.of("4", "3"), ids(SearchQuery.text("lunch").limit(2)));
        assertEquals(List.of("2", "1"), store.latest("alice", "@@team", 10).stream().map(StoredMessage::msgId)
                .toList());
    }

    @Test
    void recordingTheSameMessageTwiceKeepsOneRow() {
        assertTrue(store.record(in("42", "hello there").build()));
        assertFalse(store.record(in("42", "hello there").build()));
        assertTrue(store.record(queuedSend("L1", "x").build()));
        assertFalse(store.record(queuedSend("L1", "x").build()), "a send is identified by its LocalID");
        assertTrue(store.record(in("42", "hello there").account("bob").build()), "another account's MsgId");
        assertEquals(3, store.stats().messages());
    }

    @Test
    void sendOutcomeMovesASendOutOfTheQueueWithItsReceipt() {
        store.record(queuedSend("L1", "first").build());
        store.record(queuedSend("L2", "second").at(T0.plusSeconds(1)).build());
        store.record(queuedSend("L3", "third").at(T0.plusSeconds(2)).build());
        assertEquals(List.of("L1", "L2", "L3"), store.pendingSends("alice").stream().map(StoredMessage::localId)
                .toList(), "oldest first");

        assertTrue(store.sendOutcome("alice", "L1", "9001", "sent", null));
        assertTrue(store.sendOutcome("alice", "L2", null, "failed", "send limit: 3 retries"));
        assertFalse(store.sendOutcome("alice", "L9", "9009", "sent", null), "unknown LocalID");

        assertEquals(List.of("L3"), store.pendingSends("alice").stream().map(StoredMessage::localId).toList());
        StoredMessage sent = store.byMsgId("alice", "9001").orElseThrow();
        assertEquals("sent", sent.status());
        assertEquals("L1", sent.localId());
        StoredMessage failed = store.search(SearchQuery.text("second")).get(0);
        assertEquals("failed", failed.status());
        assertEquals("send limit: 3 retries", failed.failure());
        assertFalse(store.record(queuedSend("L1", "first").build()), "a sent message is not queued again");
        assertEquals(List.of(), store.pendingSends("bob"));
    }

    @Test
    void recordAllStoresABurstInOneGoAndCountsOnlyNewMessages() {
        store.record(in("1", "already here").build());
        List<StoredMessage> burst = new ArrayList<>();
        for (int i = 0; i < 500; i++) burst.add(in(String.valueOf(i), "burst " + i).at(T0.plusMillis(i)).build());
        assertEquals(499, store.recordAll(burst));
        assertEquals(500, store.stats().messages());
        assertEquals(List.of("499"), ids(SearchQuery.text("burst 499")));
        List<StoredMessage> bad = List.of(in("x", "fine").build(), new StoredMessage(0, "alice", Direction.IN,
                "message.text", "y", "", "@c", "", "", "", "", T0, "", "not json", Optional.empty(), "received", ""));
        assertThrows(IllegalArgumentException.class, () -> store.recordAll(bad));
        assertEquals(500, store.stats().messages(), "nothing of a refused batch is stored");
    }

    @Test
    void writeAllAppliesMessagesContactsAndOutcomesTogetherAndARefusedBatchLeavesNothing() {
        store.record(in("1", "already here").build());
        List<StoreWrite> batch = List.of(
                new StoreWrite.Message(in("1", "already here").build()),
                new StoreWrite.Message(in("2", "new one").build()),
                new StoreWrite.Message(queuedSend("L1", "a send").build()),
                new StoreWrite.Contact("alice", new StoredContact("@bob", "Bob", "", "friend", T0.plusSeconds(10))),
                new StoreWrite.Contact("alice", new StoredContact("@bob", "Bobby", "", "friend", T0.plusSeconds(20))),
                new StoreWrite.Contact("alice", new StoredContact("@bob", "Old Bob", "", "friend", T0)),
                new StoreWrite.SendOutcome("alice", "L1", "9001", "sent", ""));
        assertEquals(2, store.writeAll(batch), "only the messages not stored yet count");
        assertEquals(3, store.stats().messages());
        assertEquals("Bobby", store.contact("alice", "@bob").orElseThrow().name(), "the latest sighting's names");
        assertEquals(T0.plusSeconds(20), store.contact("alice", "@bob").orElseThrow().seen());
        assertEquals("sent", store.byMsgId("alice", "9001").orElseThrow().status(), "the outcome after its send");

        List<StoreWrite> refused = List.of(
                new StoreWrite.Contact("alice", new StoredContact("@carol", "Carol", "", "friend", T0)),
                new StoreWrite.Message(in("3", "fine").build()),
                new StoreWrite.Message(new StoredMessage(0, "alice", Direction.IN, "message.text", "4", "", "@c", "",
                        "", "", "", T0, "", "not json", Optional.empty(), "received", "")));
        assertThrows(IllegalArgumentException.class, () -> store.writeAll(refused));
        assertEquals(3, store.stats().messages(), "nothing of a refused batch is stored");
        assertEquals(Optional.empty(), store.contact("alice", "@carol"));
    }

    @Test
    void manyThreadsRecordAtOnceWithoutLosingAMessage() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) store.record(in(thread + "-" + i, "from thread " + thread).build());
                }));
            }
            for (Future<?> writer : writers) writer.get();
        }
        assertEquals(800, store.stats().messages());
        assertEquals(100, store.search(SearchQuery.text("thread 7").limit(1000)).size());
    }

    @Test
    void contactsKeepFirstSightingAndLatestNames() {
        store.recordContact("alice", new StoredContact("@bob", "Bob", "", "friend", T0.plusSeconds(10)));
        store.recordContact("alice", new StoredContact("@bob", "Bobby", "my brother", "friend", T0.plusSeconds(20)));
        store.recordContact("alice", new StoredContact("@bob", "Old Bob", "", "friend", T0));
        StoredContact bob = store.contact("alice", "@bob").orElseThrow();
        assertEquals("Bobby", bob.name());
        assertEquals("my brother", bob.remark());
        assertEquals(T0.plusSeconds(20), bob.seen());
        assertEquals(Optional.empty(), store.contact("bob", "@bob"));
    }

    @Test
    void retentionByAgeRemovesOldRowsAndTheMediaOnlyTheyNeeded() throws Exception {
        MediaRef oldOnly = save("old picture");
        MediaRef shared = save("shared picture");
        MediaRef fresh = save("new picture");
        MediaRef orphan = save("saved, then the daemon crashed before its row");
        Instant cutoff = T0.plus(Duration.ofDays(30));
        store.record(in("old1", "old text").media(oldOnly).build());
        store.record(in("old2", "old shared").media(shared).build());
        store.record(in("new1", "new shared").media(shared).at(cutoff.plusSeconds(1)).build());
        store.record(in("new2", "new text").media(fresh).at(cutoff).build());
        Path orphanFile = store.media().resolve(orphan);
        Files.setLastModifiedTime(orphanFile, FileTime.from(cutoff.minusSeconds(1)));

        PruneResult result = store.prune(cutoff, Long.MAX_VALUE);

        assertEquals(2, result.deletedRows());
        assertEquals(2, result.deletedMediaFiles(), "the old-only file and the orphan");
        assertTrue(result.freedBytes() > 0);
        assertEquals(List.of("new1", "new2"), ids(SearchQuery.any()));
        assertFalse(Files.exists(store.media().resolve(oldOnly)));
        assertFalse(Files.exists(orphanFile));
        assertTrue(Files.exists(store.media().resolve(shared)));
        assertTrue(Files.exists(store.media().resolve(fresh)));
        assertEquals(new PruneResult(0, 0, 0), store.prune(cutoff, Long.MAX_VALUE), "nothing old is left");

        Files.setLastModifiedTime(store.media().resolve(fresh), FileTime.from(cutoff.minusSeconds(1)));
        store.record(in("new3", "its row is gone").media(save("new picture")).at(cutoff.plusSeconds(2)).build());
        store.prune(cutoff, Long.MAX_VALUE);
        assertTrue(Files.exists(store.media().resolve(fresh)), "saving the same content again makes the file new");
    }

    @Test
    void retentionBySizeRemovesTheOldestRowsOnly() {
        String filler = "x".repeat(1000);
        for (int i = 0; i < 2000; i++) {
            store.record(in("m" + i, "row " + i + " " + filler).at(T0.plusSeconds(i)).build());
        }
        long full = store.stats().databaseBytes();
        PruneResult result = store.prune(Instant.EPOCH, full / 2);

        assertTrue(result.deletedRows() > 0 && result.deletedRows() < 2000, "deleted " + result.deletedRows());
        List<StoredMessage> left = store.search(SearchQuery.any().limit(2000));
        assertEquals(2000 - result.deletedRows(), left.size());
        assertEquals("m1999", left.get(0).msgId(), "the newest is kept");
        assertEquals("m" + result.deletedRows(), left.get(left.size() - 1).msgId(), "only the oldest went");
        sizeFitsAfterPrune(full / 2);
    }

    /** Whether the database's size is below {@code max} right after pruning (PostgreSQL needs a vacuum first). */
    void sizeFitsAfterPrune(long max) {
        assertTrue(store.stats().databaseBytes() <= max, "size " + store.stats().databaseBytes() + " > " + max);
    }

    @Test
    void aQuoteReplyKeepsTheMsgIdOfTheMessageItQuotesAndLeadsBackToIt() {
        store.record(in("q-1", "lunch at noon?").build());
        store.record(quoting(queuedSend("900", "yes (lunch at noon?)").kind("message.quote").build(), "q-1"));
        store.sendOutcome("alice", "900", "q-2", "sent", null);

        StoredMessage reply = store.byMsgId("alice", "q-2").orElseThrow();
        assertEquals("q-1", reply.quotedMsgId());
        assertEquals("lunch at noon?", store.byMsgId("alice", reply.quotedMsgId()).orElseThrow().text());
        assertEquals("", store.byMsgId("alice", "q-1").orElseThrow().quotedMsgId(), "a plain message quotes none");
        assertEquals(List.of("q-2 quotes q-1", "q-1 quotes "), store.latest("alice", "@friend-bob", 10).stream()
                .map(m -> m.msgId() + " quotes " + m.quotedMsgId()).toList());
    }

    @Test
    void aDatabaseOfTheFirstVersionIsMigratedWithItsRowsSearchable() {
        store.close();
        store = null;
        StoreSettings settings = settings(dataDir.resolve("v1"));
        try (Database db = Database.open(settings, Duration.ofSeconds(5))) {
            assertEquals("1", Migrations.migrate(db, "1"));
            db.call("seeding version 1", c -> {
                // Version 1's columns only: today's insert names columns later versions added.
                try (PreparedStatement s = c.prepareStatement("INSERT INTO messages (account, direction, kind,"
                        + " msg_id, chat_id, sender_id, time_ms, text, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    seedVersion1(s, in("v1-a", "旧版本的消息 a message from version one").build());
                    seedVersion1(s, in("v1-b", "another old message").at(T0.plusSeconds(1)).build());
                }
                return null;
            });
        }
        store = MessageStore.open(settings);
        assertEquals(2, store.stats().messages());
        assertEquals(List.of("v1-a"), ids(SearchQuery.text("旧版本")));
        assertEquals(List.of("v1-b", "v1-a"), ids(SearchQuery.text("message")));
        assertEquals("", store.byMsgId("alice", "v1-a").orElseThrow().quotedMsgId(), "an old row quotes nothing");
        assertEquals("", store.search(SearchQuery.text("another")).getFirst().senderIdentity(),
                "an old row has no identity");
        assertTrue(store.record(quoting(in("v3-a", "a new message").at(T0.plusSeconds(2)).build(), "v1-b")));
        assertEquals(List.of("v3-a", "v1-b", "v1-a"), ids(SearchQuery.text("message")));
        assertEquals("v1-b", store.byMsgId("alice", "v3-a").orElseThrow().quotedMsgId());
    }

    /** {@code message} as a quote reply to {@code quotedMsgId}. */
    static StoredMessage quoting(StoredMessage m, String quotedMsgId) {
        return new StoredMessage(m.id(), m.account(), m.direction(), m.kind(), m.msgId(), m.localId(), m.chatId(),
                m.chatName(), m.senderId(), m.senderName(), m.senderGroupName(), m.time(), m.text(), m.fieldsJson(),
                m.media(), m.status(), m.failure(), quotedMsgId, m.senderIdentity());
    }

    private static void seedVersion1(PreparedStatement s, StoredMessage m) throws java.sql.SQLException {
        int i = 0;
        s.setString(++i, m.account());
        s.setString(++i, m.direction().name());
        s.setString(++i, m.kind());
        s.setString(++i, m.msgId());
        s.setString(++i, m.chatId());
        s.setString(++i, m.senderId());
        s.setLong(++i, m.time().toEpochMilli());
        s.setString(++i, m.text());
        s.setString(++i, m.status());
        s.executeUpdate();
    }

    @Test
    void mediaIsSavedOnceByContentAndOnlyWithinThePolicy() throws Exception {
        MediaRef first = save("the same bytes");
        MediaRef second = store.media().save(stream("the same bytes"), "copy.jpg").orElseThrow();
        assertEquals(first.path(), second.path());
        assertEquals("copy.jpg", second.fileName());
        assertEquals(14, first.size());
        assertEquals(first.sha256().substring(0, 2) + "/" + first.sha256(), first.path());
        assertEquals("the same bytes", Files.readString(store.media().resolve(first)));
        assertEquals(14, store.stats().mediaBytes());

        MediaFiles small = new MediaFiles(dataDir.resolve("small"), new MediaPolicy.UpTo(5));
        assertEquals(Optional.empty(), small.save(stream("too large"), "big.bin"));
        assertTrue(small.save(stream("tiny"), "tiny.bin").isPresent());
        assertEquals(Optional.empty(), new MediaFiles(dataDir.resolve("none"), new MediaPolicy.None())
                .save(stream("anything"), "a.bin"));
    }

    MediaRef save(String content) {
        return store.media().save(stream(content), "file.jpg").orElseThrow();
    }

    static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    List<String> ids(SearchQuery query) {
        return store.search(query).stream().map(StoredMessage::msgId).toList();
    }
}
