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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
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
 *
 * <p>Durable appends made at the same time share one force (group commit): an append writes its bytes under the
 * lock, then waits, without the lock, until a force that began after its write has ended. The first waiter to find
 * no force running (the leader) forces for everyone waiting; appends made while the disk works are covered by the
 * next force. A force that fails fails every append it covered. The callers, too, must not hold a lock of their own
 * while they wait ({@link #write} then {@link Commit#awaitDisk}), or nothing can be grouped.
 */
final class AppendLog implements Records {

    private static final Logger log = LoggerFactory.getLogger(AppendLog.class);
    /** A line longer than this is not one we wrote: skipped rather than read into memory. */
    private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** How the bytes written reach the disk; a seam so that tests can count, order and fail the forces. */
    @FunctionalInterface
    interface DiskForce {
        DiskForce FILE_DATA = channel -> channel.force(false);

        void force(FileChannel channel) throws IOException;
    }

    private final Path file;
    private final DiskForce diskForce;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a force ends, for the appends waiting on it (or on the next one). */
    private final Condition forceEnded = lock.newCondition();
    /** Durable appends written and not yet covered by an ended force, oldest (lowest sequence) first. */
    private final Queue<Commit> unforced = new ArrayDeque<>();
    private FileChannel channel;
    private long lines;
    /** Sequence number of the latest durable append written. */
    private long written;
    /** A leader is forcing, with the lock released. */
    private boolean forcing;

    private AppendLog(Path file, FileChannel channel, long lines, DiskForce diskForce) {
        this.file = file;
        this.channel = channel;
        this.lines = lines;
        this.diskForce = diskForce;
    }

    /**
     * Opens (creating) the log and returns it with the records it holds, oldest first. A torn or unreadable line
     * is skipped with one warning; it is the tail of a write a crash cut short, or damage no reader can mend.
     */
    static Opened open(Path file) throws IOException {
        return open(file, DiskForce.FILE_DATA);
    }

    /** With {@code diskForce} doing the forces (tests count and fail them). */
    static Opened open(Path file, DiskForce diskForce) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        List<JsonNode> records = read(absolute);
        if (!Files.exists(absolute)) createPrivate(absolute);
        FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Opened(new AppendLog(absolute, channel, records.size(), diskForce), records);
    }

    record Opened(AppendLog log, List<JsonNode> records) {
    }

    Path file() {
        return file;
    }

    /** How many lines the file holds, to decide when a rewrite pays. */
    @Override
    public long lines() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the records in one write and returns without waiting for the disk; with {@code durable}, the
     * commit's {@link Commit#awaitDisk} returns once they are on it. Callers holding a lock of their own release it
     * before they wait, so that appends made meanwhile share the force.
     */
    @Override
    public Commit write(List<? extends JsonNode> records, boolean durable) {
        if (records.isEmpty()) return Commit.NOTHING_TO_FORCE;
        ByteBuffer bytes = encode(records);
        lock.lock();
        try {
            while (bytes.hasRemaining()) channel.write(bytes);
            lines += records.size();
            if (!durable) return Commit.NOTHING_TO_FORCE;
            Commit commit = new Commit(this, ++written);
            unforced.add(commit);
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A durable append written and perhaps not yet forced. {@link #awaitDisk} returns once a force that began after
     * the write has ended, and throws {@link UncheckedIOException} when that force failed.
     */
    static final class Commit {
        /** For appends that need no force (not durable, or nothing written). */
        static final Commit NOTHING_TO_FORCE = new Commit(null, 0);

        private final AppendLog log;
        private final long sequence;
        /** Guarded by the log's lock. */
        private boolean ended;
        private IOException failure;

        private Commit(AppendLog log, long sequence) {
            this.log = log;
            this.sequence = sequence;
            this.ended = log == null;
        }

        /** Returns once the append is on the disk; blocks on the disk, so call it without holding locks. */
        void awaitDisk() {
            if (log != null) log.await(this);
        }
    }

    private void await(Commit commit) {
        lock.lock();
        try {
            while (!commit.ended) {
                if (forcing) forceEnded.awaitUninterruptibly(); // the running force may have begun before our write
                else leadForce();
            }
            if (commit.failure != null) throw new UncheckedIOException("cannot append to " + file, commit.failure);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces every durable append written so far, for all their waiters, with the lock released so that further
     * appends can be written meanwhile (the next force covers them). Lock held on entry and on return.
     */
    private void leadForce() {
        forcing = true;
        long covered = written;
        FileChannel forced = channel; // rewrite and close wait for this force, so the channel stays open
        IOException failure = new IOException("the force of " + file + " did not end"); // an Error escaped it
        // An interrupt would close the channel under every appender (FileChannel is interruptible): a leader that
        // was interrupted while it waited forces with the flag cleared, and gets it back afterwards.
        boolean interrupted = Thread.interrupted();
        lock.unlock();
        try {
            diskForce.force(forced);
            failure = null;
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e);
        } finally {
            lock.lock();
            forcing = false;
            endCommits(covered, failure);
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The force that covered appends up to {@code covered} ended, with {@code failure} or none. Lock held. */
    private void endCommits(long covered, IOException failure) {
        while (!unforced.isEmpty() && unforced.peek().sequence <= covered) {
            Commit commit = unforced.remove();
            commit.ended = true;
            commit.failure = failure;
        }
        forceEnded.signalAll();
    }

    /**
     * Forces what durable appends still wait for, before the file is replaced (a rename is not forced, so a power
     * cut may bring the old file back: it must hold them). Lock held; waits out a running force.
     */
    private void forceWaitingAppends() throws IOException {
        while (forcing) forceEnded.awaitUninterruptibly();
        if (!unforced.isEmpty()) forceAll();
    }

    /** Forces everything written and ends every waiting commit with the outcome. Lock held, no force running. */
    private void forceAll() throws IOException {
        try {
            diskForce.force(channel);
        } catch (IOException e) {
            endCommits(written, e);
            throw e;
        }
        endCommits(written, null);
    }

    /** Replaces the whole file by {@code records}, atomically. */
    @Override
    public void rewrite(List<? extends JsonNode> records) {
        lock.lock();
        try {
            forceWaitingAppends();
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
            while (forcing) forceEnded.awaitUninterruptibly();
            if (channel.isOpen()) {
                try {
                    forceAll(); // the appends that were not durable, too
                } finally {
                    channel.close();
                }
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
