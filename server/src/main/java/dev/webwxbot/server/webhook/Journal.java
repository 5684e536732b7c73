package dev.webwxbot.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of JSON objects, one a line, that only grows until it is rewritten whole; the same design as core's
 * {@code AppendLog} (which core keeps internal). An append is one {@code write} of a whole line, so a crash leaves
 * at worst a torn last line, which {@link #open} skips; a rewrite goes to a forced temporary file renamed over the
 * old one. Owner-only (600): it holds message text. Thread-safe.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A line longer than this is not one we wrote: skipped rather than read into memory. */
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private long lines;

    private Journal(Path file, FileChannel channel, long lines) {
        this.file = file;
        this.channel = channel;
        this.lines = lines;
    }

    record Opened(Journal journal, List<ObjectNode> records) {
    }

    /** Opens (creating, owner-only) the journal and returns it with its records, oldest first. */
    static Opened open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        OwnerOnly.createDirectories(absolute.getParent());
        List<ObjectNode> records = new ArrayList<>();
        int skipped = read(absolute, records);
        if (!Files.exists(absolute)) OwnerOnly.createFile(absolute);
        FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        Journal journal = new Journal(absolute, channel, records.size());
        // Appending after a torn line would glue the next record to it and lose that one too.
        if (skipped > 0) journal.rewrite(records);
        return new Opened(journal, List.copyOf(records));
    }

    Path file() {
        return file;
    }

    long lines() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    /** Appends one record; with {@code durable}, returns only once it is on the disk. */
    void append(JsonNode record, boolean durable) {
        ByteBuffer bytes = ByteBuffer.wrap(encode(List.of(record)));
        lock.lock();
        try {
            while (bytes.hasRemaining()) channel.write(bytes);
            if (durable) channel.force(false);
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the whole file by {@code records}, atomically. */
    void rewrite(List<? extends JsonNode> records) {
        lock.lock();
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            OwnerOnly.createFile(temp);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(encode(records));
                while (bytes.hasRemaining()) out.write(bytes);
                out.force(true);
            }
            channel.close();
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            lines = records.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** Forces what was appended to the disk and closes the file; later appends fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            log.warn("closing {} failed: {}", file, e.toString());
        } finally {
            lock.unlock();
        }
    }

    private static byte[] encode(List<? extends JsonNode> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode record : records) {
            try {
                // Jackson escapes control characters inside strings, so a record never spans two lines.
                out.writeBytes(JSON.writeValueAsBytes(record));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree always serialises", e);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Adds the file's readable records to {@code records}; returns how many lines were skipped. */
    private static int read(Path file, List<ObjectNode> records) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        int skipped = 0;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i < content.length && content[i] != '\n') continue;
            int length = i - start;
            if (length > 0) {
                boolean complete = i < content.length; // no newline after the last line: a write cut short
                JsonNode record = complete && length <= MAX_LINE_BYTES ? parse(content, start, length) : null;
                if (record instanceof ObjectNode object) records.add(object);
                else skipped++;
            }
            start = i + 1;
        }
        if (skipped > 0) {
            log.warn("{}: {} torn or unreadable record(s) skipped (a crash cut the last write short)", file, skipped);
        }
        return skipped;
    }

    private static JsonNode parse(byte[] content, int start, int length) {
        try {
            return JSON.readTree(content, start, length);
        } catch (IOException e) {
            return null;
        }
    }
}
