package dev.webwxbot.launcher.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates files only their owner may read, for what the user typed (the console history). Stateless. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code file} and its folders when missing; an existing file is left as it is. */
    static void create(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Kept: it holds the earlier sessions' history.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.toAbsolutePath(), e);
        }
    }
}
