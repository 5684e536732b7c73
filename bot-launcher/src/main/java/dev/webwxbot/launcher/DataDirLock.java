package dev.webwxbot.launcher;

import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One bot per data folder: {@code run} and {@code chat} hold an exclusive lock on {@code DATA_DIR/webwx-bot.lock}
 * while they live, so a second one on the same folder stops before it resumes the saved session (two sessions on
 * one session file would each invalidate the other's) and says which process holds it. The operating system
 * releases the lock when the holder exits, however it exits ({@code kill -9} included), so a stale file never
 * blocks a start. The file holds the holder's pid, command and start time, only to name it. Closing releases
 * the lock; the file stays (deleting it would let a third process lock a file the second still holds open).
 */
public final class DataDirLock implements AutoCloseable {

    static final String FILE = "webwx-bot.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (created owner-only if missing) for {@code command}.
     *
     * @throws InUseException when another process (or another command of this one) holds it
     * @throws IllegalArgumentException when the folder or the lock file cannot be created or written (a wrong
     *     {@code --data-dir}: reported in one line as a mistake in the options)
     */
    public static DataDirLock acquire(Path dataDir, String command) {
        try {
            return lock(dataDir, command);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the data folder " + dataDir.toAbsolutePath().normalize()
                    + ": " + e, e);
        }
    }

    private static DataDirLock lock(Path dataDir, String command) throws IOException {
        Path file = OwnerOnly.createDirectories(dataDir).resolve(FILE);
        try {
            OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException existing) {
            // Left by an earlier run: the lock, not the file, says whether someone holds it.
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new InUseException(dataDir, holder);
        }
        channel.truncate(0);
        String me = ProcessHandle.current().pid() + " " + command + " " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        return new DataDirLock(channel, lock);
    }

    /** What the holder wrote: {@code "<pid> <command> <start>"}, or empty when it has not written it yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another bot holds the data folder: a one-line explanation naming it and how to stop it. */
    public static final class InUseException extends RuntimeException {

        InUseException(Path dataDir, String holder) {
            super(message(dataDir, holder));
        }

        private static String message(Path dataDir, String holder) {
            String[] parts = holder.split(" ", 3);
            boolean named = parts.length == 3 && parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty();
            String folder = dataDir.toAbsolutePath().normalize().toString();
            if (!named) {
                return "the data folder " + folder + " is in use by another webwx-bot; stop it first, or give this"
                        + " one another --data-dir";
            }
            String pid = parts[0];
            return "the data folder " + folder + " is in use by another webwx-bot (pid " + pid + ", '"
                    + TerminalText.clean(parts[1]) + "' since " + TerminalText.clean(parts[2]) + "); stop it first"
                    + " (Ctrl-C in its terminal, kill " + pid + ", or systemctl stop webwx-bot for the service),"
                    + " or give this one another --data-dir";
        }
    }
}
