package dev.webwxbot.server.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's login QR code as a PNG in its folder ({@link Account#QR_FILE}), for an operator who reads files more
 * easily than a terminal: written when a code is shown, removed once it is scanned or the account stops. Saves and
 * removals run off the network threads; one lock orders them, so a save still in flight never lands after a removal.
 */
final class QrImageFile {

    private static final Logger log = LoggerFactory.getLogger(QrImageFile.class);

    private final String account;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();

    QrImageFile(String account, Path file) {
        this.account = account;
        this.file = file;
    }

    /** Draws {@code content} into the file, unless {@code stillShown} says it was scanned, replaced or stopped meanwhile. */
    void save(String content, Predicate<String> stillShown) {
        lock.lock();
        try {
            if (!stillShown.test(content)) return;
            QrImage.save(content, file);
        } catch (IOException e) {
            log.warn("account {}: cannot write the QR image {}: {}", account, file, e.toString());
        } finally {
            lock.unlock();
        }
    }

    /** Removes the file: nobody should scan a code that was used or belongs to a stopped account. */
    void delete() {
        lock.lock();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("account {}: cannot remove the used QR image: {}", account, e.toString());
        } finally {
            lock.unlock();
        }
    }
}
