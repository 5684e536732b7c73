package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login-churn guard's record: each login attempt with its time and outcome, the guard's holds and the operator's
 * resets, in one small JSON file of the account's folder (owner-only, replaced atomically as the session file is, so
 * a crash leaves the old record or the new one). A daemon that systemd restarts reads the same record. Bounded: at
 * most {@value #MAX_ENTRIES} entries, the oldest dropped first. Not thread-safe: the guard serialises its use.
 */
public final class LoginRecordFile {

    private static final Logger log = LoggerFactory.getLogger(LoginRecordFile.class);
    /** Enough for a day of the densest record the default limits allow; older entries matter to no limit. */
    public static final int MAX_ENTRIES = 200;
    private static final long MAX_FILE_BYTES = 256 * 1024;
    private static final int VERSION = 1;

    /** What an entry records. */
    public enum Kind {
        /** The saved session was resumed (or tried). */
        RESUME,
        /** A fresh login: a pushed prompt and/or a QR code. */
        FRESH,
        /** The guard held a login back. */
        HELD,
        /** The operator reset the guard. */
        RESET
    }

    /** How an attempt ended; {@code PENDING} while it runs (and for good, when the process died during it). */
    public enum Outcome { PENDING, ONLINE, FAILED, CANCELLED, NONE }

    /** One entry; {@code id} tells an attempt's entry apart when its outcome is written. */
    public record Entry(long id, Instant at, Kind kind, Outcome outcome) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
        }

        public Entry withOutcome(Outcome next) {
            return new Entry(id, at, kind, next);
        }
    }

    /**
     * The whole record.
     *
     * @param entries oldest first
     * @param waitsForOperatorSince set when the guard gave up and waits for the operator; cleared by a reset
     */
    public record Record(List<Entry> entries, Optional<Instant> waitsForOperatorSince) {
        public static final Record EMPTY = new Record(List.of(), Optional.empty());

        public Record {
            entries = List.copyOf(entries);
            Objects.requireNonNull(waitsForOperatorSince, "waitsForOperatorSince");
        }

        /** This record with {@code entry} appended, the oldest dropped past {@value #MAX_ENTRIES}. */
        public Record with(Entry entry) {
            List<Entry> next = new ArrayList<>(entries);
            next.add(entry);
            while (next.size() > MAX_ENTRIES) next.removeFirst();
            return new Record(next, waitsForOperatorSince);
        }

        public Record replacing(Entry entry) {
            List<Entry> next = new ArrayList<>(entries);
            next.replaceAll(e -> e.id() == entry.id() ? entry : e);
            return new Record(next, waitsForOperatorSince);
        }

        public Record waitingSince(Optional<Instant> since) {
            return new Record(entries, since);
        }

        public long nextId() {
            return entries.stream().mapToLong(Entry::id).max().orElse(0) + 1;
        }
    }

    private final Path file;

    public LoginRecordFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /**
     * The record; empty when there is none. One that cannot be read is logged and read as empty: the guard then
     * starts counting afresh rather than keeping the account from ever logging in.
     */
    public Record load() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            JsonNode root = Json.parse(Files.readAllBytes(file));
            List<Entry> entries = new ArrayList<>();
            for (JsonNode node : root.path("entries")) {
                entries.add(new Entry(node.path("id").asLong(), Instant.parse(node.path("at").asText()),
                        Kind.valueOf(node.path("kind").asText()), Outcome.valueOf(node.path("outcome").asText())));
            }
            String waiting = root.path("waitsForOperatorSince").asText("");
            Record record = new Record(List.of(), waiting.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(waiting)));
            for (Entry entry : entries) record = record.with(entry);
            return record;
        } catch (NoSuchFileException e) {
            return Record.EMPTY;
        } catch (IOException | RuntimeException e) {
            log.warn("the login record {} cannot be read ({}); counting logins afresh", file, e.getMessage());
            return Record.EMPTY;
        }
    }

    /** Replaces the record: written to a temporary file, forced to disk, then renamed over the old one. */
    public void save(Record record) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("waitsForOperatorSince", record.waitsForOperatorSince().map(Instant::toString).orElse(null));
        ArrayNode entries = root.putArray("entries");
        for (Entry entry : record.entries()) {
            entries.addObject().put("id", entry.id()).put("at", entry.at().toString()).put("kind", entry.kind().name())
                    .put("outcome", entry.outcome().name());
        }
        // A name of its own: another guard on this file (a second process, the login-guard command) may write too.
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        PrivateFiles.replace(file, temp, Json.write(root));
    }
}
