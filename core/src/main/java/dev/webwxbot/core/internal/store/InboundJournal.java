package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Received messages between the server and the end of the plugin chain. The sync loop {@link #add}s every new
 * message of a webwxsync answer, durably, <em>before</em> it moves its cursor past them; the chain's completion
 * marks each {@link #done}. After a crash or a stop whose drain ran out, {@link #pending} hands back what the chain
 * never finished, and {@link #knownIds} what was already taken in, so that the server delivering it again (the
 * saved cursor may be older) is recognised as a repeat. At least once to the chain; what plugins send while
 * handling a message is made exactly once by the outbox, keyed on {@link Entry#stamp}.
 *
 * <p>With no file ({@link #inMemory}) the same bookkeeping runs without durability, so a stop still drains.
 * Thread-safe.
 */
public final class InboundJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundJournal.class);
    /** How many finished ids are kept to recognise repeats; as many as the session's own dedupe remembers. */
    static final int SEEN_CAPACITY = 10_000;
    /**
     * In a session state storage (a cluster's Redis, held in memory), records no longer needed that may pile up
     * before a rewrite: a few megabytes at most, where a file may grow to four times what is needed first.
     */
    static final int STORED_SLACK = 2_000;

    private final Optional<Records> file;
    private final Clock clock;
    private final int seenCapacity;
    /** Superseded records tolerated before a rewrite; -1: a file, which may grow to four times what is needed. */
    private final int slack;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private final SequencedSet<String> seen = new LinkedHashSet<>();
    private long lastStamp;
    private boolean closed;

    private InboundJournal(Optional<Records> file, Clock clock, int seenCapacity, int slack) {
        this.file = file;
        this.clock = clock;
        this.seenCapacity = seenCapacity;
        this.slack = slack;
    }

    /**
     * One received message. {@code stamp} is its arrival in milliseconds, unique and increasing within the
     * journal and kept across restarts: replies sent while handling it derive their client ids from it.
     */
    public record Entry(String msgId, long stamp, JsonNode raw) {
    }

    /** A journal kept in {@code file} (created owner-only), with what an earlier run left in it. */
    public static InboundJournal open(Path file, Clock clock) throws IOException {
        return open(file, clock, SEEN_CAPACITY);
    }

    /** With room for {@code seenCapacity} finished ids (tests use a small one). */
    static InboundJournal open(Path file, Clock clock, int seenCapacity) throws IOException {
        return open(file, clock, seenCapacity, AppendLog.DiskForce.FILE_DATA);
    }

    /** With {@code diskForce} doing the forces (tests count and hold them). */
    static InboundJournal open(Path file, Clock clock, int seenCapacity, AppendLog.DiskForce diskForce)
            throws IOException {
        AppendLog.Opened opened = AppendLog.open(file, diskForce);
        return opened(opened.log(), opened.records(), clock, seenCapacity, -1);
    }

    /** A journal kept in {@code storage}'s {@link SessionStateStorage#INBOX} log, with what an earlier run left in it. */
    public static InboundJournal open(SessionStateStorage storage, Clock clock) {
        return open(storage, clock, SEEN_CAPACITY);
    }

    /** With room for {@code seenCapacity} finished ids (tests use a small one). */
    static InboundJournal open(SessionStateStorage storage, Clock clock, int seenCapacity) {
        StorageLog.Opened opened = StorageLog.open(storage, SessionStateStorage.INBOX);
        return opened(opened.log(), opened.records(), clock, seenCapacity, STORED_SLACK);
    }

    private static InboundJournal opened(Records records, List<JsonNode> earlier, Clock clock, int seenCapacity,
                                         int slack) {
        InboundJournal journal = new InboundJournal(Optional.of(records), clock, seenCapacity, slack);
        journal.replay(earlier);
        journal.compact();
        if (!journal.pending.isEmpty()) {
            log.info("{} received message(s) were not finished by the plugins before the last stop; they are "
                    + "handed to the chain again", journal.pending.size());
        }
        return journal;
    }

    /** Bookkeeping only: nothing survives the process. */
    public static InboundJournal inMemory(Clock clock) {
        return new InboundJournal(Optional.empty(), clock, SEEN_CAPACITY, -1);
    }

    /** Every id taken in that is still remembered (finished and unfinished), oldest first. */
    public List<String> knownIds() {
        lock.lock();
        try {
            List<String> ids = new ArrayList<>(seen);
            ids.addAll(pending.keySet());
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** The messages not finished yet, in arrival order. */
    public List<Entry> pending() {
        lock.lock();
        try {
            return List.copyOf(pending.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records new messages and returns them as entries, in order. Returns once they are on the disk: only then may
     * the caller move the sync cursor past them. Blocks on the disk; call it off the event loop. Throws
     * {@link java.io.UncheckedIOException} when the disk refuses and {@link IllegalStateException} once closed:
     * either way nothing was kept and the cursor must stay.
     */
    public List<Entry> add(List<JsonNode> messages) {
        List<Entry> entries = new ArrayList<>(messages.size());
        List<JsonNode> records = new ArrayList<>(messages.size());
        AppendLog.Commit commit = AppendLog.Commit.NOTHING_TO_FORCE;
        lock.lock();
        try {
            // Closed by a stop: the caller must not move its cursor past messages nobody kept.
            if (closed) throw new IllegalStateException("the journal is closed; the messages were not kept");
            for (JsonNode message : messages) {
                long stamp = Math.max(clock.millis(), lastStamp + 1);
                lastStamp = stamp;
                String msgId = Json.text(message, "MsgId");
                // Messages without an id cannot repeat by id; the stamp makes them distinct in the journal.
                Entry entry = new Entry(msgId.isEmpty() ? "local-" + stamp : msgId, stamp, message);
                entries.add(entry);
                pending.put(entry.msgId(), entry);
                records.add(addRecord(entry));
            }
            if (file.isPresent()) commit = file.get().write(records, true);
        } finally {
            lock.unlock();
        }
        // Waited for without the lock: completions (done) go on meanwhile, and adds made meanwhile share the force.
        commit.awaitDisk();
        return entries;
    }

    /**
     * The chain finished with the message. Ignored after {@link #close}: a stop whose drain ran out leaves the
     * message for the next run, even if a late completion (say, of a handler cut off by the stop) arrives.
     */
    public void done(String msgId) {
        lock.lock();
        try {
            if (closed || pending.remove(msgId) == null) return;
            remember(msgId);
            // Not forced to the disk: a lost "done" only means the message is handled again after a power cut,
            // and the outbox keeps its replies from going out twice. Any process crash keeps the write.
            file.ifPresent(log -> log.append(List.of(doneRecord(msgId)), false));
            if (pending.isEmpty()) idle.signalAll();
            compactIfLarge();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every message taken in is finished, or {@code timeout}; returns how many are left. */
    public int awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!pending.isEmpty() && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the journal: what is unfinished stays for the next run; later adds and completions are not kept. */
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

    private void replay(List<JsonNode> records) {
        for (JsonNode record : records) {
            String msgId = Json.text(record, "id");
            if (msgId.isEmpty()) continue;
            switch (Json.text(record, "op")) {
                case "add" -> {
                    long stamp = Json.longValue(record, "stamp", 0);
                    JsonNode raw = record.get("msg");
                    if (raw != null && raw.isObject()) pending.put(msgId, new Entry(msgId, stamp, raw));
                    lastStamp = Math.max(lastStamp, stamp);
                }
                case "done" -> {
                    pending.remove(msgId);
                    remember(msgId);
                }
                default -> { } // a record of a later layout: ignored, not fatal
            }
        }
    }

    private void remember(String msgId) {
        seen.remove(msgId);
        seen.addLast(msgId);
        if (seen.size() > seenCapacity) seen.removeFirst();
    }

    /** Rewrites the file once it holds several times what is still needed (a storage: a little more). Lock held. */
    private void compactIfLarge() {
        long needed = pending.size() + seen.size();
        long limit = slack < 0 ? Math.max(4 * needed, 4L * seenCapacity) : needed + slack;
        if (file.isPresent() && file.get().lines() > limit) compact();
    }

    /** The file becomes the remembered ids and the unfinished messages, nothing else. Lock held or opening. */
    private void compact() {
        if (file.isEmpty()) return;
        List<JsonNode> records = new ArrayList<>(seen.size() + pending.size());
        seen.forEach(id -> records.add(doneRecord(id)));
        pending.values().forEach(entry -> records.add(addRecord(entry)));
        file.get().rewrite(records);
    }

    private static ObjectNode addRecord(Entry entry) {
        ObjectNode record = Json.MAPPER.createObjectNode().put("op", "add").put("id", entry.msgId())
                .put("stamp", entry.stamp());
        record.set("msg", entry.raw());
        return record;
    }

    private static ObjectNode doneRecord(String msgId) {
        return Json.MAPPER.createObjectNode().put("op", "done").put("id", msgId);
    }

    /** For the log line of a stop: how many are unfinished. */
    public int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
