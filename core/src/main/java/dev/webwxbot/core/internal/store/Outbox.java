package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends by their client id ({@code LocalID}/{@code ClientMsgId}), from the moment one is decided until the server
 * has it or refused it. An {@link #intend intent} is on the disk before the request leaves; the outcome follows.
 * After a crash, an intent without an outcome is a send that may or may not have reached the server: the next run
 * looks for its echo and sends it only when none comes. Outcomes are kept for a while after they settle, so that a
 * message handled again after a restart finds its earlier answers by their (deterministic) ids instead of sending
 * them twice. With no file ({@link #inMemory}) the same bookkeeping runs without durability. Thread-safe.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Settled sends remembered, so that replays find their answers; older ones can no longer be replayed. */
    static final int SETTLED_CAPACITY = 10_000;
    /**
     * In a session state storage (a cluster's Redis, held in memory): replays after a takeover are of the messages
     * unfinished at that moment, whose sends are the latest, so a thousand settled sends are plenty.
     */
    static final int STORED_SETTLED_CAPACITY = 1_000;

    /** Where a send stands. */
    public enum State { PENDING, SENT, FAILED }

    /**
     * One send. {@code message} describes what to send (see {@link OutgoingSpec}); {@code fromEarlierRun} marks a
     * pending send found on opening, whose request may have reached the server before the process ended.
     */
    public record Entry(String localId, String chat, JsonNode message, State state, String msgId, String failure,
                        boolean fromEarlierRun) {
        Entry settled(State outcome, String id, String why) {
            return new Entry(localId, chat, message, outcome, id, why, false);
        }
    }

    private final Optional<Records> file;
    private final int settledCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int settled;
    private boolean closed;

    private Outbox(Optional<Records> file, int settledCapacity) {
        this.file = file;
        this.settledCapacity = settledCapacity;
    }

    /** The outbox kept in {@code file} (created owner-only), with what an earlier run left in it. */
    public static Outbox open(Path file) throws IOException {
        return open(file, SETTLED_CAPACITY);
    }

    /** Remembering {@code settledCapacity} settled sends (tests use a small number). */
    static Outbox open(Path file, int settledCapacity) throws IOException {
        return open(file, settledCapacity, AppendLog.DiskForce.FILE_DATA);
    }

    /** With {@code diskForce} doing the forces (tests count and hold them). */
    static Outbox open(Path file, int settledCapacity, AppendLog.DiskForce diskForce) throws IOException {
        AppendLog.Opened opened = AppendLog.open(file, diskForce);
        return opened(opened.log(), opened.records(), settledCapacity);
    }

    /** The outbox kept in {@code storage}'s {@link SessionStateStorage#OUTBOX} log, with what an earlier run left in it. */
    public static Outbox open(SessionStateStorage storage) {
        StorageLog.Opened opened = StorageLog.open(storage, SessionStateStorage.OUTBOX);
        return opened(opened.log(), opened.records(), STORED_SETTLED_CAPACITY);
    }

    private static Outbox opened(Records records, List<JsonNode> earlier, int settledCapacity) {
        Outbox outbox = new Outbox(Optional.of(records), settledCapacity);
        outbox.replay(earlier);
        outbox.compact();
        long left = outbox.entries.values().stream().filter(e -> e.state() == State.PENDING).count();
        if (left > 0) {
            log.info("{} send(s) were under way when the bot last stopped; each is sent after the restart unless "
                    + "the server shows it already has it", left);
        }
        return outbox;
    }

    /** Bookkeeping only: nothing survives the process. */
    public static Outbox inMemory() {
        return new Outbox(Optional.empty(), SETTLED_CAPACITY);
    }

    public Optional<Entry> find(String localId) {
        lock.lock();
        try {
            return Optional.ofNullable(entries.get(localId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a send this outbox remembers (of this run or an earlier one) was answered or settled with
     * {@code msgId}: an own message's echo that arrives after a restart is still recognised as the bot's. Scans the
     * remembered sends; asked only for own messages no other check recognised.
     */
    public boolean sentAs(String msgId) {
        if (msgId == null || msgId.isEmpty()) return false;
        lock.lock();
        try {
            for (Entry entry : entries.values()) {
                if (msgId.equals(entry.msgId())) return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** How many sends have no outcome yet (this run's and earlier ones'). */
    public long pendingCount() {
        lock.lock();
        try {
            return entries.values().stream().filter(e -> e.state() == State.PENDING).count();
        } finally {
            lock.unlock();
        }
    }

    /** The sends an earlier run left pending, oldest first. */
    public List<Entry> leftPending() {
        lock.lock();
        try {
            return entries.values().stream().filter(e -> e.state() == State.PENDING && e.fromEarlierRun()).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that {@code message} is about to go to {@code chat} as {@code localId}; on the disk when this
     * returns. Blocks on the disk. Returns false when the id is already known (the caller then looks it up).
     */
    public boolean intend(String localId, String chat, JsonNode message) {
        Intent intent = writeIntent(localId, chat, message);
        intent.awaitDisk();
        return intent.isNew();
    }

    /**
     * {@link #intend} in two steps: the intent is written (in the order of the calls) and the wait for the disk is
     * left to {@link Intent#awaitDisk}, so that intents written meanwhile share its force. Nothing may leave for
     * the server before that wait returned.
     */
    public Intent writeIntent(String localId, String chat, JsonNode message) {
        lock.lock();
        try {
            if (entries.containsKey(localId)) return new Intent(false, AppendLog.Commit.NOTHING_TO_FORCE);
            Entry entry = new Entry(localId, chat, message, State.PENDING, "", "", false);
            entries.put(localId, entry);
            if (closed || file.isEmpty()) return new Intent(true, AppendLog.Commit.NOTHING_TO_FORCE);
            ObjectNode record = Json.MAPPER.createObjectNode().put("op", "intent").put("id", localId)
                    .put("chat", chat);
            record.set("message", message);
            return new Intent(true, file.get().write(List.of(record), true));
        } finally {
            lock.unlock();
        }
    }

    /** An intent written by {@link #writeIntent}; {@code isNew} is false when the id was already known. */
    public static final class Intent {
        private final boolean isNew;
        private final AppendLog.Commit commit;

        private Intent(boolean isNew, AppendLog.Commit commit) {
            this.isNew = isNew;
            this.commit = commit;
        }

        public boolean isNew() {
            return isNew;
        }

        /**
         * Returns once the intent is on the disk (at once for a known id or an outbox without a file). Blocks on
         * the disk; throws {@link java.io.UncheckedIOException} when the disk refused it.
         */
        public void awaitDisk() {
            commit.awaitDisk();
        }
    }

    /** The server took it as {@code msgId}. */
    public void sent(String localId, String msgId) {
        settle(localId, State.SENT, msgId, "");
    }

    /** The server refused it, or it cannot be sent (a file gone); {@code why} says which. */
    public void failed(String localId, String why) {
        settle(localId, State.FAILED, "", why);
    }

    /** Whether {@link #close} ran: a stop is under way, and outcomes are no longer kept. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the outbox: pending sends stay for the next run; outcomes arriving later are not kept. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            file.ifPresent(Records::close);
        } finally {
            lock.unlock();
        }
    }

    private void settle(String localId, State outcome, String msgId, String why) {
        lock.lock();
        try {
            Entry entry = entries.get(localId);
            if (closed || entry == null || entry.state() != State.PENDING) return;
            entries.put(localId, entry.settled(outcome, msgId, why));
            settled++;
            ObjectNode record = Json.MAPPER.createObjectNode().put("id", localId);
            if (outcome == State.SENT) record.put("op", "sent").put("msgId", msgId);
            else record.put("op", "failed").put("why", why);
            // Not forced: after a process crash the write is in the OS cache; after a power cut, a lost outcome
            // makes the send look pending, and its echo (or, without one, a second send) settles it.
            file.ifPresent(log -> log.append(List.of(record), false));
            if (settled > 2 * settledCapacity) {
                forgetOldSettled();
                compact();
            }
        } finally {
            lock.unlock();
        }
    }

    private void replay(List<JsonNode> records) {
        for (JsonNode record : records) {
            String localId = Json.text(record, "id");
            if (localId.isEmpty()) continue;
            switch (Json.text(record, "op")) {
                case "intent" -> entries.put(localId, new Entry(localId, Json.text(record, "chat"),
                        record.path("message"), State.PENDING, "", "", true));
                case "sent" -> entries.computeIfPresent(localId,
                        (id, e) -> e.settled(State.SENT, Json.text(record, "msgId"), ""));
                case "failed" -> entries.computeIfPresent(localId,
                        (id, e) -> e.settled(State.FAILED, "", Json.text(record, "why")));
                default -> { } // a record of a later layout: ignored, not fatal
            }
        }
        settled = (int) entries.values().stream().filter(e -> e.state() != State.PENDING).count();
        forgetOldSettled();
    }

    /** Keeps the newest {@link #SETTLED_CAPACITY} settled entries and every pending one. Lock held or opening. */
    private void forgetOldSettled() {
        int excess = settled - settledCapacity;
        var it = entries.values().iterator();
        while (excess > 0 && it.hasNext()) {
            if (it.next().state() != State.PENDING) {
                it.remove();
                excess--;
                settled--;
            }
        }
    }

    /** The file becomes exactly what is remembered. Lock held or opening. */
    private void compact() {
        if (file.isEmpty()) return;
        List<JsonNode> records = new ArrayList<>(entries.size() * 2);
        for (Entry entry : entries.values()) {
            ObjectNode intent = Json.MAPPER.createObjectNode().put("op", "intent").put("id", entry.localId())
                    .put("chat", entry.chat());
            intent.set("message", entry.message());
            records.add(intent);
            switch (entry.state()) {
                case SENT -> records.add(Json.MAPPER.createObjectNode().put("op", "sent").put("id", entry.localId())
                        .put("msgId", entry.msgId()));
                case FAILED -> records.add(Json.MAPPER.createObjectNode().put("op", "failed")
                        .put("id", entry.localId()).put("why", entry.failure()));
                case PENDING -> { }
            }
        }
        file.get().rewrite(records);
    }
}
