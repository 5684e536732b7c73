package dev.webwxbot.emulator.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The temporary directory uploaded files are reassembled and kept in; created on first use, deleted at close. */
final class UploadDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(UploadDirectory.class);

    private final World world;
    private Path directory;

    UploadDirectory(World world) {
        this.world = world;
    }

    Path get() throws IOException {
        synchronized (world) {
            if (directory == null) {
                directory = Files.createTempDirectory("webwx-emulator-uploads");
            }
            return directory;
        }
    }

    void close() {
        synchronized (world) {
            if (directory == null) {
                return;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(MediaStore::deleteQuietly);
            } catch (IOException e) {
                LOG.warn("cannot list the upload directory {}", directory, e);
            }
            MediaStore.deleteQuietly(directory);
            directory = null;
        }
    }
}
