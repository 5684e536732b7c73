package dev.webwxbot.launcher.chat;

import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/** Creates files only their owner may read, for what the user typed (the console history). Stateless. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code file} and its folders when missing, owner-only; an existing file is left as it is. */
    static void create(Path file) {
        try {
            OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // Kept: it holds the earlier sessions' history.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.toAbsolutePath(), e);
        }
    }
}
