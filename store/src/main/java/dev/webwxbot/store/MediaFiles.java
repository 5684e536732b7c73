package dev.webwxbot.store;

import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store's media files, saved by content: a file's path is {@code ab/abcdef…} from its SHA-256, so the same
 * image received twice is kept once and no name from the network ever reaches the file system. Files and folders
 * are owner-only. A file appears under its final name only when complete (written aside, then moved). Thread-safe;
 * owned by its {@link MessageStore} ({@code store.media()}).
 */
public final class MediaFiles {

    private final Path dir;
    private final MediaPolicy policy;

    MediaFiles(Path dir, MediaPolicy policy) {
        this.dir = dir.toAbsolutePath().normalize();
        this.policy = policy;
    }

    /** Which files are saved. */
    public MediaPolicy policy() {
        return policy;
    }

    /**
     * Saves what {@code in} holds (read to its end, not closed) unless the policy refuses it: {@code none}, or more
     * bytes than {@code UpTo} allows, in which case reading stops there and nothing is kept.
     *
     * @param fileName the name to show for it; kept in the returned reference only
     * @return the saved file, or empty when the policy refused it
     * @throws StoreException when the file cannot be written (full disk, permissions) or {@code in} fails
     */
    public Optional<MediaRef> save(InputStream in, String fileName) {
        if (policy instanceof MediaPolicy.None) return Optional.empty();
        long limit = policy instanceof MediaPolicy.UpTo(long bytes) ? bytes : Long.MAX_VALUE;
        Path partial = dir.resolve("partial").resolve(UUID.randomUUID() + ".part");
        try {
            OwnerOnly.createFile(partial);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
                size = copy(in, out, limit);
            }
            if (size > limit) {
                Files.delete(partial);
                return Optional.empty();
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            String relative = hash.substring(0, 2) + "/" + hash;
            Path target = dir.resolve(relative);
            OwnerOnly.createDirectories(target.getParent());
            move(partial, target);
            return Optional.of(new MediaRef(hash, size, relative, fileName));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreException(StoreException.Reason.FAILED, "cannot save a media file in " + dir + " (" + e
                    + "); check free space and that this user may write there", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Where {@code ref}'s file is (it may have been deleted by retention since).
     *
     * @throws IllegalArgumentException when {@code ref}'s path leads outside the media folder
     */
    public Path resolve(MediaRef ref) {
        Path file = dir.resolve(ref.path()).normalize();
        if (!file.startsWith(dir)) throw new IllegalArgumentException("media path outside the media folder");
        return file;
    }

    /** The bytes of all saved files. */
    long bytes() {
        return files().stream().mapToLong(MediaFiles::sizeOf).sum();
    }

    /** Every saved file, as paths relative to the media folder. */
    List<Path> files() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile).forEach(files::add);
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException(StoreException.Reason.FAILED, "cannot list the media folder " + dir + " (" + e
                    + ")", e);
        }
    }

    /** Deletes {@code file} (from {@link #files} or {@link #resolve}); returns the bytes freed, 0 if it was gone. */
    long delete(Path file) {
        long size = sizeOf(file);
        try {
            return Files.deleteIfExists(file) ? size : 0;
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.FAILED, "cannot delete the media file " + file + " (" + e
                    + ")", e);
        }
    }

    /** The content hash a saved file's name is, or empty for anything else (a partial file). */
    static Optional<String> hashOf(Path file) {
        String name = file.getFileName().toString();
        return name.length() == 64 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? Optional.of(name) : Optional.empty();
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > limit) return total;
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static void move(Path partial, Path target) throws IOException {
        if (Files.exists(target)) {
            // Same content already saved: keep the existing file, marked as new so that retention, which deletes
            // old files no row needs, does not take it before the row about to need it is written.
            Files.delete(partial);
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(partial);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left over as a partial file; retention deletes partial files.
        }
    }
}
