package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.SyncKey;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session file is written whole once, then each save appends only what changed to the changes file; loading
 * puts the two together, ignores lines that belong to an older session file, and reads a session file of the
 * earlier single-file layout as before.
 */
class FileSessionStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Instant IN_AN_HOUR = T0.plusSeconds(3600);
    @TempDir
    Path dir;
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private static SessionSnapshot snapshot(int syncStep, List<String> ids, Instant cookieExpiry) {
        SyncKey key = new SyncKey(List.of(new SyncKey.Entry(1, 700 + syncStep), new SyncKey.Entry(2, 900 + syncStep)));
        CookieJar.StoredCookie cookie = new CookieJar.StoredCookie("wxuin", "1234", "wx2.qq.com", false, "/", true,
                false, cookieExpiry, T0);
        return new SessionSnapshot(SessionSnapshot.CURRENT_VERSION, "wx2.qq.com",
                new Credentials("@crypt_skey", "sid-1", 1234, "ticket%2B1"), "@self", key, key, List.of(cookie), ids,
                T0.plusSeconds(syncStep));
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) ids.add("msg-" + i);
        return ids;
    }

    @Test
    void savesAfterTheFirstAppendOnlyWhatChangedAndLoadingPutsThemTogether() throws Exception {
        FileSessionStore store = new FileSessionStore(dir.resolve("session.json"));
        store.save(snapshot(0, ids(1, 3), IN_AN_HOUR));
        byte[] whole = Files.readAllBytes(store.file());

        store.save(snapshot(1, ids(1, 5), IN_AN_HOUR));
        SessionSnapshot last = snapshot(2, ids(2, 6), T0.plusSeconds(7200)); // msg-1 dropped out, the cookie renewed
        store.save(last);
        store.close();

        assertArrayEquals(whole, Files.readAllBytes(store.file()), "the session file was not written again");
        List<String> lines = Files.readAllLines(store.changesFile());
        assertEquals(2, lines.size(), lines.toString());
        ObjectNode second = (ObjectNode) Json.parse(lines.get(1).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("of", "syncKey", "syncCheckKey", "cookies", "savedAt", "newMsgIds"),
                iterableToList(second.fieldNames()), "only what changed, and the one new id");
        assertEquals("[\"msg-6\"]", second.get("newMsgIds").toString());
        assertFalse(lines.get(0).contains("cookies"), "a cookie that did not change is not written again");

        SessionSnapshot loaded = loaded(store.file());
        assertEquals(last.syncKey(), loaded.syncKey());
        assertEquals(last.syncCheckKey(), loaded.syncCheckKey());
        assertEquals(last.cookies(), loaded.cookies());
        assertEquals(last.savedAt(), loaded.savedAt());
        assertEquals(ids(1, 6), loaded.recentMsgIds(), "every id saved, the dropped one too (harmless, oldest)");
        assertEquals(last.credentials(), loaded.credentials());
    }

    @Test
    void aSessionFileOfTheEarlierSingleFileLayoutLoadsAsBeforeAndIsWrittenWholeOnTheNextSave() throws Exception {
        Path file = dir.resolve("session.json");
        SessionSnapshot old = snapshot(4, ids(1, 2), IN_AN_HOUR);
        Files.write(file, Json.write(SnapshotJson.toJson(old))); // what the earlier version wrote: no token
        FileSessionStore store = new FileSessionStore(file);

        assertEquals(old, store.load().orElseThrow());
        assertFalse(Files.exists(store.changesFile()), "loading creates no changes file");
        store.save(snapshot(5, ids(1, 3), IN_AN_HOUR));
        store.save(snapshot(6, ids(1, 4), IN_AN_HOUR));
        store.close();

        assertTrue(Files.readString(file).contains("msg-3"), "the first save wrote the session file whole");
        assertEquals(1, Files.readAllLines(store.changesFile()).size(), "and the next one a change line");
        assertEquals(snapshot(6, ids(1, 4), IN_AN_HOUR), loaded(file));
    }

    @Test
    void changeLinesLeftFromAnOlderSessionFileAreNotApplied() throws Exception {
        FileSessionStore store = savedTwice();
        String oldLine = Files.readString(store.changesFile());
        // A crash between writing a new session file and emptying the changes file leaves the old lines behind.
        FileSessionStore other = new FileSessionStore(dir.resolve("session.json"));
        other.save(snapshot(9, ids(1, 9), IN_AN_HOUR)); // nothing loaded first: written whole
        other.close();
        Files.writeString(other.changesFile(), oldLine, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        assertEquals(snapshot(9, ids(1, 9), IN_AN_HOUR), loaded(store.file()));
    }

    @Test
    void idsThatWereForgottenRatherThanDroppedAsOldestMakeTheNextSaveWhole() throws Exception {
        FileSessionStore store = new FileSessionStore(dir.resolve("session.json"));
        store.save(snapshot(0, ids(1, 3), IN_AN_HOUR));
        // msg-3 was forgotten (its journal write failed): a change line could only add, so the file is rewritten.
        store.save(snapshot(1, List.of("msg-1", "msg-2", "msg-4"), IN_AN_HOUR));
        store.close();

        assertTrue(!Files.exists(store.changesFile()) || Files.readString(store.changesFile()).isEmpty(),
                "no change line");
        assertEquals(List.of("msg-1", "msg-2", "msg-4"),
                loaded(store.file()).recentMsgIds());
    }

    @Test
    void afterTheLimitOfChangeLinesTheSessionFileIsWrittenWholeAndTheChangesFileEmptied() throws Exception {
        FileSessionStore store = new FileSessionStore(dir.resolve("session.json"));
        int saves = FileSessionStore.MAX_CHANGES + 2;
        for (int i = 0; i < saves; i++) store.save(snapshot(i, ids(1, i + 1), IN_AN_HOUR));
        store.close();

        assertEquals(0, Files.readAllLines(store.changesFile()).size(), "the last save was whole");
        assertTrue(Files.readString(store.file()).contains("\"msg-" + saves + "\""));
        assertEquals(snapshot(saves - 1, ids(1, saves), IN_AN_HOUR),
                loaded(store.file()));
    }

    @Test
    void aChangeLineTornByACrashIsSkippedWithOneWarningAndTheLinesBeforeItStillCount() throws Exception {
        FileSessionStore store = savedTwice();
        Files.writeString(store.changesFile(), "{\"of\":\"", StandardOpenOption.APPEND); // kill -9 mid-write

        assertEquals(snapshot(1, ids(1, 2), IN_AN_HOUR), loaded(store.file()));
        assertEquals(1, logs.atLeast(Level.WARN).size());
        assertTrue(logs.atLeast(Level.WARN).getFirst().contains("1 torn or unreadable record(s) skipped"));
    }

    @Test
    void clearDeletesBothFiles() throws Exception {
        FileSessionStore store = new FileSessionStore(dir.resolve("session.json"));
        store.save(snapshot(0, ids(1, 1), IN_AN_HOUR));
        store.save(snapshot(1, ids(1, 2), IN_AN_HOUR));

        store.clear();

        assertFalse(Files.exists(store.file()));
        assertFalse(Files.exists(store.changesFile()));
        assertTrue(new FileSessionStore(store.file()).load().isEmpty());
    }

    /** A whole write and a change line, the store closed. */
    private FileSessionStore savedTwice() {
        FileSessionStore store = new FileSessionStore(dir.resolve("session.json"));
        store.save(snapshot(0, ids(1, 1), IN_AN_HOUR));
        store.save(snapshot(1, ids(1, 2), IN_AN_HOUR));
        store.close();
        return store;
    }

    /** What a new store reads from {@code file}, its files let go of again. */
    private static SessionSnapshot loaded(Path file) {
        FileSessionStore store = new FileSessionStore(file);
        try {
            return store.load().orElseThrow();
        } finally {
            store.close();
        }
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
