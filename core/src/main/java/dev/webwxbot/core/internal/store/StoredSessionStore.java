package dev.webwxbot.core.internal.store;

import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's snapshot in a {@link SessionStateStorage} of the operator's (a cluster's shared store), written whole
 * at each save: a storage shared between processes has no file to append change lines to, and without the recent
 * message ids (which the journal in the same storage keeps) the snapshot is a few kilobytes, saved at most once a
 * second. The snapshot is read when the store is made, and a storage that cannot be read then fails the session's
 * making (its owner tries again): a takeover must not log in afresh, with a new QR code, because Redis blinked. After
 * that it never throws: a failed save is logged and the session goes on (the next save tries again; a storage this
 * process may no longer write is the lease's business, not the snapshot's).
 */
public final class StoredSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(StoredSessionStore.class);

    private final SessionStateStorage storage;
    /** A failing save is logged once until one succeeds again, not once a second. */
    private volatile boolean failing;

    /** What the storage held when this store was made; read by {@link #load}. */
    private final Optional<String> stored;

    /**
     * Reads the saved snapshot now.
     *
     * @throws RuntimeException from the storage when it cannot be read (not when it holds nothing)
     */
    public StoredSessionStore(SessionStateStorage storage) {
        this.storage = storage;
        this.stored = storage.loadSnapshot();
    }

    /** The snapshot the storage held when this store was made; empty when none, or when it is not one we can use. */
    @Override
    public Optional<SessionSnapshot> load() {
        if (stored.isEmpty()) return Optional.empty();
        try {
            return SnapshotJson.fromJson(Json.parse(stored.get().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            log.warn("the stored session cannot be read ({}); starting with a fresh login", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(SessionSnapshot snapshot) {
        try {
            // Without the recent message ids (up to 200 KB a save): the inbound journal, kept in the same storage,
            // remembers them (done records), and a resumed session learns them from it before its first sync.
            SessionSnapshot withoutIds = new SessionSnapshot(snapshot.version(), snapshot.apiHost(),
                    snapshot.credentials(), snapshot.selfUserName(), snapshot.syncKey(), snapshot.syncCheckKey(),
                    snapshot.cookies(), List.of(), snapshot.savedAt());
            storage.saveSnapshot(SnapshotJson.toJson(withoutIds).toString());
            if (failing) log.info("saving the session works again");
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) log.warn("saving the session to its storage failed ({}); tried again at the next sync", e.toString());
            failing = true;
        }
    }

    @Override
    public void clear() {
        try {
            storage.clearSnapshot();
        } catch (RuntimeException e) {
            log.warn("forgetting the stored session failed ({}); the next start tries it and logs in afresh", e.toString());
        }
    }

    @Override
    public void close() {
        // The storage belongs to whoever passed it in; the session only stops writing to it.
    }
}
