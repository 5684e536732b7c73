package dev.webwxbot.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every message of every account, kept in SQLite or PostgreSQL and searchable.
 *
 * <pre>{@code
 * try (MessageStore store = MessageStore.open(StoreSettings.read(config, dataDir))) {
 *     store.record(message);
 *     List<StoredMessage> found = store.search(SearchQuery.text("明天 meeting").chat("Team").limit(20));
 * }
 * }</pre>
 *
 * Every method may throw {@link StoreException} (a damaged, locked or unreachable database, a full disk), with a
 * message naming the database and what to do; callers for which storing is a side effect catch it and go on.
 * Arguments are checked with {@link NullPointerException}/{@link IllegalArgumentException}. Thread-safe: calls
 * are served one at a time on one connection. The caller that opened it closes it.
 */
public final class MessageStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageStore.class);
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Direction listed and {@code msg_id <> ''} written out, so the partial index {@code messages_by_msg_id} serves
     * the lookup; without them it scanned the account's messages.
     */
    static final String BY_MSG_ID = "SELECT " + Rows.COLUMNS + " FROM messages WHERE account = ?"
            + " AND direction IN ('IN', 'OUT') AND msg_id = ? AND msg_id <> '' ORDER BY id LIMIT 1";

    private final Database db;
    private final MediaFiles media;
    private final Retention retention;

    private MessageStore(Database db, MediaFiles media) {
        this.db = db;
        this.media = media;
        this.retention = new Retention(db, media);
    }

    /**
     * Opens the store, creating the SQLite file (owner-only) or the tables as needed and migrating an older schema
     * to this version.
     *
     * @throws StoreException when the database cannot be opened, is locked by another program, is damaged, or a
     *                        migration fails
     */
    public static MessageStore open(StoreSettings settings) {
        return open(settings, BUSY_TIMEOUT);
    }

    /** {@link #open(StoreSettings)}, waiting at most {@code busyTimeout} for another program's SQLite lock. */
    static MessageStore open(StoreSettings settings, Duration busyTimeout) {
        Database db = Database.open(settings, busyTimeout);
        try {
            String version = Migrations.migrate(db, "latest");
            log.info("message store: {}, schema version {}", db.description(), version);
            return new MessageStore(db, new MediaFiles(settings.mediaDir(), settings.media()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The database, for tests in this package (to hold its lock while writes queue up). */
    Database database() {
        return db;
    }

    /** Where media files are saved. */
    public MediaFiles media() {
        return media;
    }

    /**
     * Stores an inbound event or an outbound send; its {@code id} is ignored. Idempotent: a message with the same
     * account, direction and MsgId (or, without a MsgId, LocalID) as a stored one is not stored again.
     *
     * @return whether it was new
     * @throws IllegalArgumentException when {@code fieldsJson} is not a JSON object
     * @throws StoreException           when the database fails
     */
    public boolean record(StoredMessage message) {
        Objects.requireNonNull(message, "message");
        checkJson(message.fieldsJson());
        return db.call("storing a message", c -> {
            try (Writes writes = new Writes(c)) {
                return writes.message(message);
            }
        });
    }

    /**
     * Stores several messages in one transaction, as {@link #record} each: one commit instead of one per message,
     * for a burst of events (an initial sync, a busy group) or an import.
     *
     * @return how many were new
     * @throws IllegalArgumentException when a {@code fieldsJson} is not a JSON object; nothing is stored then
     * @throws StoreException           when the database fails; nothing is stored then
     */
    public int recordAll(Collection<StoredMessage> messages) {
        messages.forEach(m -> checkJson(Objects.requireNonNull(m, "message").fieldsJson()));
        if (messages.isEmpty()) return 0;
        return db.transaction("storing messages", c -> {
            try (Writes writes = new Writes(c)) {
                int added = 0;
                for (StoredMessage m : messages) added += writes.message(m) ? 1 : 0;
                return added;
            }
        });
    }

    /**
     * Applies {@code writes} (messages, contacts, send outcomes, in any mix) in one transaction: what
     * {@link #record}, {@link #recordContact} and {@link #sendOutcome} do one by one, with one commit for all.
     * Several sightings of one contact are written as one.
     *
     * @return how many messages were new
     * @throws IllegalArgumentException when a message's {@code fieldsJson} is not a JSON object; nothing is stored then
     * @throws StoreException           when the database fails; nothing is stored then
     */
    public int writeAll(List<StoreWrite> writes) {
        for (StoreWrite write : writes) {
            if (write instanceof StoreWrite.Message m) checkJson(m.message().fieldsJson());
        }
        if (writes.isEmpty()) return 0;
        return db.transaction("storing messages", c -> {
            try (Writes batch = new Writes(c)) {
                return batch.applyAll(writes);
            }
        });
    }

    /**
     * Records what became of the send {@code localId}: {@code sent} with the server's MsgId, or {@code failed} with
     * why. An empty or null {@code msgId} keeps the row's MsgId.
     *
     * @return whether a send with that LocalID is stored
     * @throws StoreException when the database fails
     */
    public boolean sendOutcome(String account, String localId, String msgId, String status, String failure) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(status, "status");
        if (localId.isEmpty()) throw new IllegalArgumentException("a send's outcome needs its LocalID");
        StoreWrite.SendOutcome outcome = new StoreWrite.SendOutcome(account, localId, msgId == null ? "" : msgId,
                status, failure == null ? "" : failure);
        return db.call("storing a send's outcome", c -> {
            try (Writes writes = new Writes(c)) {
                return writes.outcome(outcome);
            }
        });
    }

    /**
     * Stores a contact or group as {@code account} saw it: its names as of the latest sighting, and when it was
     * first and last seen.
     *
     * @throws StoreException when the database fails
     */
    public void recordContact(String account, StoredContact contact) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(contact, "contact");
        db.call("storing a contact", c -> {
            try (Writes writes = new Writes(c)) {
                writes.contact(Writes.ContactSighting.of(new StoreWrite.Contact(account, contact)));
                return null;
            }
        });
    }

    /**
     * A stored contact, {@code seen} being when it was last seen.
     *
     * @throws StoreException when the database fails
     */
    public Optional<StoredContact> contact(String account, String contactId) {
        return db.call("reading a contact", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT contact_id, name, remark, kind, last_seen_ms"
                    + " FROM contacts WHERE account = ? AND contact_id = ?")) {
                s.setString(1, account);
                s.setString(2, contactId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    return Optional.of(new StoredContact(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), Instant.ofEpochMilli(r.getLong(5))));
                }
            }
        });
    }

    /**
     * The message of {@code account} with the server's {@code msgId} (the first stored, if both an event and a send
     * carry it).
     *
     * @throws StoreException when the database fails
     */
    public Optional<StoredMessage> byMsgId(String account, String msgId) {
        if (msgId.isEmpty()) return Optional.empty();
        return db.call("reading a message", c -> {
            try (PreparedStatement s = c.prepareStatement(BY_MSG_ID)) {
                s.setString(1, account);
                s.setString(2, msgId);
                return Rows.read(s).stream().findFirst();
            }
        });
    }

    /**
     * The messages matching {@code query}, newest first, at most its limit.
     *
     * @throws StoreException when the database fails
     */
    public List<StoredMessage> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        return db.call("searching messages", c -> {
            try (PreparedStatement s = Search.prepare(c, db.dialect(), query)) {
                return Rows.read(s);
            }
        });
    }

    /**
     * The last {@code limit} messages of a chat, newest first.
     *
     * @throws StoreException when the database fails
     */
    public List<StoredMessage> latest(String account, String chatId, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        return db.call("reading a chat's messages", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM messages"
                    + " WHERE account = ? AND chat_id = ? ORDER BY time_ms DESC, id DESC LIMIT ?")) {
                s.setString(1, account);
                s.setString(2, chatId);
                s.setInt(3, limit);
                return Rows.read(s);
            }
        });
    }

    /**
     * The sends of {@code account} still queued (written, not yet sent nor failed), oldest first: the order they
     * were queued in, which is the order to send them again after a restart.
     *
     * @throws StoreException when the database fails
     */
    public List<StoredMessage> pendingSends(String account) {
        return db.call("reading queued sends", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM messages"
                    + " WHERE account = ? AND direction = 'OUT' AND status = 'queued' ORDER BY id")) {
                s.setString(1, account);
                return Rows.read(s);
            }
        });
    }

    /**
     * Deletes the messages older than {@code olderThan}, then the oldest until the database uses at most
     * {@code maxDatabaseBytes}, then the media files no remaining message needs. On SQLite the file keeps the freed
     * pages for reuse rather than shrinking; on PostgreSQL the size is estimated from the average row, as space is
     * only reclaimed by a vacuum.
     *
     * @throws StoreException when the database or the media folder fails
     */
    public PruneResult prune(Instant olderThan, long maxDatabaseBytes) {
        Objects.requireNonNull(olderThan, "olderThan");
        PruneResult result = retention.prune(olderThan, maxDatabaseBytes);
        if (result.deletedRows() > 0 || result.deletedMediaFiles() > 0) {
            log.info("message store retention: deleted {} messages and {} media files, {} bytes",
                    result.deletedRows(), result.deletedMediaFiles(), result.freedBytes());
        }
        return result;
    }

    /**
     * How much the store holds.
     *
     * @throws StoreException when the database or the media folder fails
     */
    public StoreStats stats() {
        long[] counts = db.call("measuring the store", c -> new long[] {Retention.count(c),
                Retention.usedBytes(c, db.dialect())});
        return new StoreStats(counts[0], counts[1], media.bytes());
    }

    /** Closes the connection; later calls throw {@link StoreException}. Never throws. */
    @Override
    public void close() {
        db.close();
    }

    private static void checkJson(String fields) {
        try {
            if (!JSON.readTree(fields).isObject()) throw new IllegalArgumentException("fieldsJson is not an object");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("fieldsJson is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
