package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a snapshot in two files that only their owner may read (mode 600, in a 700 folder where the file system
 * allows). The session file holds a whole snapshot as JSON, replaced atomically: a temporary file is written and
 * fsynced, then renamed over the old one, so a crash leaves the old snapshot or the new one, never half of each.
 * Next to it, {@code <session file>.changes} holds one line per later save with only what changed
 * ({@link SnapshotChanges}: the sync keys, refreshed cookies, the ids of new messages), appended without an fsync:
 * saving after a sync costs a few hundred bytes instead of the whole file. After {@value #MAX_CHANGES} lines, or
 * when the changes cannot be said as a line, the session file is written whole again and the changes file
 * emptied.
 *
 * <p>A line lost to a crash (a process crash keeps every appended line; a power cut may lose the last ones) only
 * makes the next start resume from an older sync position: the server delivers those messages again and the
 * inbound journal, or the saved ids, recognise them. A session file of an earlier version without a changes file
 * is read as before. Thread-safe.
 */
public final class FileSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(FileSessionStore.class);
    private static final long MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** Change lines before the session file is written whole again: at one save a second, about a quarter hour. */
    static final int MAX_CHANGES = 1_000;
    /** Message ids the change lines may add before a whole write: keeps the changes file and its replay small. */
    static final int MAX_IDS_IN_CHANGES = 20_000;

    private final Path file;
    private final Path changesFile;
    private final ReentrantLock lock = new ReentrantLock();
    /** The open changes file; null until the first change line after opening, and after {@link #close}. */
    private AppendLog changes;
    /** What the two files hold together; null when unknown (nothing saved or loaded yet, or a save failed). */
    private Saved saved;

    /**
     * The state on disk: the session file's token, its JSON as changed by the lines so far (without the ids), the
     * ids, and how many lines and ids the changes file holds.
     */
    private record Saved(String token, ObjectNode fields, List<String> ids, int lines, int idsInLines) {
    }

    public FileSessionStore(Path file) {
        this.file = file.toAbsolutePath();
        this.changesFile = this.file.resolveSibling(this.file.getFileName() + ".changes");
    }

    public Path file() {
        return file;
    }

    /** Where the changes since the session file was last written whole are kept. */
    public Path changesFile() {
        return changesFile;
    }

    @Override
    public Optional<SessionSnapshot> load() {
        lock.lock();
        try {
            saved = null;
            if (Files.size(file) > MAX_FILE_BYTES) {
                log.warn("session file {} is larger than {} bytes; ignoring it", file, MAX_FILE_BYTES);
                return Optional.empty();
            }
            if (!(Json.parse(Files.readAllBytes(file)) instanceof ObjectNode root)) {
                throw new MalformedResponseException("session file is not a JSON object");
            }
            String token = Json.text(root, SnapshotChanges.OF);
            int lines = 0;
            int idsInLines = 0;
            // A session file without a token was written by an earlier version, which kept no changes file.
            if (!token.isEmpty() && Files.exists(changesFile)) {
                for (JsonNode line : openChanges()) {
                    if (!token.equals(Json.text(line, SnapshotChanges.OF))) continue; // left from an older file
                    SnapshotChanges.apply(root, line);
                    lines++;
                    idsInLines += SnapshotChanges.newIdCount(line);
                }
            }
            Optional<SessionSnapshot> snapshot = SnapshotJson.fromJson(root);
            if (snapshot.isPresent() && !token.isEmpty()) {
                // Built as a save builds them, so the first change line compares like with like (a parsed number
                // may be a narrower node than the one written).
                saved = new Saved(token, SnapshotJson.fields(snapshot.get()), snapshot.get().recentMsgIds(), lines,
                        idsInLines);
            }
            return snapshot;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("session file {} cannot be read ({}); starting with a fresh login", file, e.getMessage());
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Saves {@code snapshot}: as one change line when the files already hold an earlier snapshot of it, else (and
     * every {@value #MAX_CHANGES} lines) as a whole session file. A failure is logged; the next save is then whole.
     */
    @Override
    public void save(SessionSnapshot snapshot) {
        lock.lock();
        try {
            ObjectNode nextFields = SnapshotJson.fields(snapshot);
            Optional<ObjectNode> line = saved == null ? Optional.empty() : SnapshotChanges.between(saved.fields(),
                    saved.ids(), nextFields, snapshot.recentMsgIds(), saved.token());
            int newIds = line.map(SnapshotChanges::newIdCount).orElse(0);
            if (line.isPresent() && saved.lines() < MAX_CHANGES && saved.idsInLines() + newIds <= MAX_IDS_IN_CHANGES) {
                changes().append(List.of(line.get()), false);
                saved = new Saved(saved.token(), nextFields, snapshot.recentMsgIds(), saved.lines() + 1,
                        saved.idsInLines() + newIds);
            } else {
                String token = UUID.randomUUID().toString();
                ObjectNode whole = SnapshotJson.toJson(snapshot).put(SnapshotChanges.OF, token);
                saved = null; // until both steps are done: a failure in between makes the next save whole too
                writeWhole(whole);
                // The old lines name the old token and would be skipped; emptying the file keeps it small.
                emptyChanges();
                saved = new Saved(token, nextFields, snapshot.recentMsgIds(), 0, 0);
            }
        } catch (IOException | RuntimeException e) {
            saved = null;
            log.warn("saving the session to {} failed ({}); the next start may need a scan", file, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            saved = null;
            closeChanges();
            // The changes first: a crash in between leaves no lines without their session file.
            Files.deleteIfExists(changesFile);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the session file {}: {}", file, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Closes the changes file; a later save opens it again. */
    @Override
    public void close() {
        lock.lock();
        try {
            closeChanges();
        } finally {
            lock.unlock();
        }
    }

    private void writeWhole(ObjectNode root) throws IOException {
        PrivateFiles.replace(file, file.resolveSibling(file.getFileName() + ".tmp"), Json.write(root));
    }

    /** Opens the changes file, keeping it for appends, and returns the lines it holds. Lock held. */
    private List<JsonNode> openChanges() throws IOException {
        closeChanges();
        AppendLog.Opened opened = AppendLog.open(changesFile);
        changes = opened.log();
        return opened.records();
    }

    /** The changes file, open for appends. Lock held. */
    private AppendLog changes() throws IOException {
        if (changes == null) openChanges();
        return changes;
    }

    private void emptyChanges() throws IOException {
        if (changes != null) changes.rewrite(List.of());
        else Files.deleteIfExists(changesFile);
    }

    private void closeChanges() {
        if (changes != null) {
            changes.close();
            changes = null;
        }
    }
}
