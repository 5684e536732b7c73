package dev.webwxbot.store;

import static dev.webwxbot.store.TestMessages.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store contract on SQLite, plus what only a file has: permissions, damage, another program's lock. */
class SqliteMessageStoreTest extends MessageStoreContract {

    @Override
    StoreSettings settings(Path dataDir) {
        return StoreSettings.sqlite(dataDir.resolve("data"));
    }

    Path file() {
        return dataDir.resolve("data").resolve("messages.db");
    }

    /**
     * The lookups made for every message find their row through an index: a scan of the account's messages grows
     * with the store (it once made each send's outcome cost more than everything else the daemon does per message).
     */
    @Test
    void theLookupsMadeForEveryMessageUseAnIndexNotAScan() {
        assertEquals("messages_by_local_id", plan(Writes.SEND_OUTCOME, "", "", "sent", "", "alice", "L1"));
        assertEquals("messages_by_msg_id", plan(MessageStore.BY_MSG_ID, "alice", "9001"));
    }

    /** The index SQLite's plan for {@code sql} searches, failing when the plan scans a table instead. */
    private String plan(String sql, String... parameters) {
        String plan = store.database().call("explaining", c -> {
            try (var s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < parameters.length; i++) s.setString(i + 1, parameters[i]);
                StringBuilder out = new StringBuilder();
                try (var r = s.executeQuery()) {
                    while (r.next()) out.append(r.getString("detail")).append('\n');
                }
                return out.toString();
            }
        });
        var index = java.util.regex.Pattern.compile("SEARCH messages USING (?:COVERING )?INDEX (\\w+)").matcher(plan);
        org.junit.jupiter.api.Assertions.assertTrue(index.find(), plan);
        return index.group(1);
    }

    @Test
    void theDatabaseIsOwnerOnlyAndInWalMode() throws Exception {
        store.record(in("1", "private words").build());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
        Path wal = file().resolveSibling("messages.db-wal");
        assertTrue(Files.exists(wal), "WAL mode");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)));
        MediaRef media = store.media().save(stream("a photo"), "p.jpg").orElseThrow();
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(store.media().resolve(media))));
    }

    @Test
    void aFileOfGarbageGivesAClearCorruptError() throws Exception {
        store.record(in("1", "soon lost").build());
        store.close();
        store = null;
        byte[] garbage = new byte[64 * 1024];
        new Random(15).nextBytes(garbage);
        Files.write(file(), garbage);
        Files.deleteIfExists(file().resolveSibling("messages.db-wal"));
        Files.deleteIfExists(file().resolveSibling("messages.db-shm"));

        StoreException e = assertThrows(StoreException.class, () -> MessageStore.open(settings(dataDir)));

        assertEquals(StoreException.Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("the message store database " + file() + " is damaged or is not an"
                + " SQLite database"), e.getMessage());
        assertTrue(e.getMessage().contains("move the file aside"), e.getMessage());
    }

    @Test
    void damagedPagesGiveAClearCorruptError() throws Exception {
        for (int i = 0; i < 300; i++) store.record(in("m" + i, "row " + i + " " + "y".repeat(500)).build());
        store.close();
        store = null;
        byte[] bytes = Files.readAllBytes(file());
        byte[] garbage = new byte[bytes.length - 4096];
        new Random(15).nextBytes(garbage);
        // The header page stays: the file opens as SQLite, its tables and indexes are noise.
        System.arraycopy(garbage, 0, bytes, 4096, garbage.length);
        Files.write(file(), bytes);

        StoreException e = assertThrows(StoreException.class, () -> {
            try (MessageStore damaged = MessageStore.open(settings(dataDir))) {
                damaged.search(SearchQuery.text("row"));
            }
        });

        assertEquals(StoreException.Reason.CORRUPT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("the message store database " + file() + " is damaged"), e.getMessage());
    }

    @Test
    void aDatabaseLockedByAnotherProgramCannotBeOpenedAndSaysWhy() throws Exception {
        store.close();
        store = null;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = other.createStatement()) {
            // What a second daemon on the same data folder, or a tool with the file open, may do.
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("DELETE FROM contacts");

            StoreException e = assertThrows(StoreException.class,
                    () -> MessageStore.open(settings(dataDir), Duration.ofMillis(100)));

            assertEquals(StoreException.Reason.LOCKED, e.reason());
            assertTrue(e.getMessage().startsWith("the message store database " + file() + " is locked by another"
                    + " program"), e.getMessage());
            assertTrue(e.getMessage().contains("give each daemon its own data folder"), e.getMessage());
            s.execute("COMMIT");
        }
    }

    @Test
    void writesFailClearlyWhileAnotherProgramHoldsTheLockAndWorkAgainOnceReleased() throws Exception {
        store.close();
        store = MessageStore.open(settings(dataDir), Duration.ofMillis(100));
        store.record(in("1", "before the lock").build());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("DELETE FROM contacts");

            StoreException e = assertThrows(StoreException.class,
                    () -> store.record(in("2", "while locked").build()));

            assertEquals(StoreException.Reason.LOCKED, e.reason());
            assertTrue(e.getMessage().startsWith("the message store database " + file() + " is locked by another"
                    + " program"), e.getMessage());
            assertEquals(List.of("1"), ids(SearchQuery.any()), "reading goes on (WAL)");
            s.execute("COMMIT");
        }
        assertTrue(store.record(in("2", "after the lock").build()), "the store recovers by itself");
        assertEquals(List.of("2", "1"), ids(SearchQuery.any()));
    }
}
