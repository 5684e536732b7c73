package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of JSON records, one a line, that only grows until it is rewritten whole: the storage under the inbound
 * journal and the outbox. An append is one {@code write} of whole lines, so a process killed at any moment (even
 * {@code kill -9}) leaves every appended line in the operating system's cache and at worst a torn last line, which
 * {@link #open} drops; {@code durable} appends are also forced to the disk, for a power cut. A rewrite goes to a
 * temporary file that is forced and then renamed over the old one, so a crash leaves the old file or the new one.
 * The file is owner-only (600): it holds message text. Thread-safe.
 */
final class AppendLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppendLog.class);
    /** A line longer than this is not one we wrote: skipped rather than read into memory. */
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private long lines;

    private AppendLog(Path file, FileChannel channel, long lines) {
        this.file = file;
        this.channel = channel;
        this.lines = lines;
    }

    /**
     * Opens (creating) the log and returns it with the records it holds, oldest first. A torn or unreadable line
     * is skipped with one warning; it is the tail of a write a crash cut short, or damage no reader can mend.
     */
    static Opened open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        List<JsonNode> records = read(absolute);
        if (!Files.exists(absolute)) createPrivate(absolute);
        FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Opened(new AppendLog(absolute, channel, records.size()), records);
    }

    record Opened(AppendLog log, List<JsonNode> records) {
    }

    Path file() {
        return file;
    }

    /** How many lines the file holds, to decide when a rewrite pays. */
    long lines() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    /** Appends the records in one write; with {@code durable}, returns only once they are on the disk. */
    void append(List<? extends JsonNode> records, boolean durable) {
        if (records.isEmpty()) return;
        ByteBuffer bytes = encode(records);
        lock.lock();
        try {
            while (bytes.hasRemaining()) channel.write(bytes);
            if (durable) channel.force(false);
            lines += records.size();
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
            createPrivate(temp);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = encode(records);
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

    private static ByteBuffer encode(List<? extends JsonNode> records) {
        StringBuilder text = new StringBuilder();
        for (JsonNode record : records) {
            // Jackson escapes control characters inside strings, so a record never spans two lines.
            text.append(new String(Json.write(record), StandardCharsets.UTF_8)).append('\n');
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> read(Path file) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<JsonNode> records = new ArrayList<>();
        int skipped = 0;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i < content.length && content[i] != '\n') continue;
            int length = i - start;
            if (length > 0) {
                boolean complete = i < content.length; // no newline after the last line: a write cut short
                JsonNode record = complete && length <= MAX_LINE_BYTES ? parse(content, start, length) : null;
                if (record != null && record.isObject()) records.add(record);
                else skipped++;
            }
            start = i + 1;
        }
        if (skipped > 0) {
            log.warn("{}: {} torn or unreadable record(s) skipped (a crash cut the last write short)", file, skipped);
        }
        return records;
    }

    private static JsonNode parse(byte[] content, int start, int length) {
        byte[] line = new byte[length];
        System.arraycopy(content, start, line, 0, length);
        try {
            return Json.parse(line);
        } catch (MalformedResponseException e) {
            return null;
        }
    }

    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }
}
