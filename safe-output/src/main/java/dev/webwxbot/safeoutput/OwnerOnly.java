package dev.webwxbot.safeoutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files only their owner may open: what the bot writes holds message text, media, the session's
 * credentials and a QR code that logs an account in. Permissions are given at creation ({@code mkdir}/{@code open}
 * with the mode), never by a {@code chmod} afterwards, so there is no moment when another user could open them.
 * Folders that already exist are left as they are: the operator may have chosen their permissions. On a file
 * system without POSIX permissions (Windows) everything is created plainly and that is logged once at INFO.
 * Stateless apart from that once; thread-safe.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final AtomicBoolean NOTICED = new AtomicBoolean();

    private OwnerOnly() {
    }

    /** Whether {@code path}'s file system has POSIX permissions, so this class can restrict anything there. */
    public static boolean supported(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and its missing parents, each {@code rwx------}; returns {@code dir}. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return dir;
        if (!supported(dir)) {
            notice(dir);
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir, attribute(FOLDER));
    }

    /**
     * Creates the new file {@code file}, {@code rw-------}, with its missing folders owner-only too.
     *
     * @throws java.nio.file.FileAlreadyExistsException when it exists
     */
    public static Path createFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) createDirectories(parent);
        if (!supported(file)) {
            notice(file);
            return Files.createFile(file);
        }
        return Files.createFile(file, attribute(FILE));
    }

    /** Makes the existing file {@code file} {@code rw-------} (a file an earlier version wrote more openly). */
    public static void restrict(Path file) throws IOException {
        if (!supported(file)) {
            notice(file);
            return;
        }
        Files.setPosixFilePermissions(file, FILE);
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static void notice(Path path) {
        if (NOTICED.compareAndSet(false, true)) {
            Logger log = LoggerFactory.getLogger(OwnerOnly.class);
            log.info("the file system of {} has no POSIX permissions; files and folders are created with its"
                    + " defaults, so keep the data folder where other users cannot read it", path.toAbsolutePath());
        }
    }
}
