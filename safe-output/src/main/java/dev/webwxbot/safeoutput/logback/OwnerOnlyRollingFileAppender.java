package dev.webwxbot.safeoutput.logback;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * Logback's rolling file appender whose log files only their owner may read: DEBUG lines carry message text. Each
 * file is created {@code rw-------} (its missing folders {@code rwx------}) before Logback opens it, at start and
 * after every rollover; a file an earlier run left more open is restricted. Archives made by renaming keep the
 * mode, which is why {@code config/logback.xml} does not compress them: Logback writes a compressed archive as a
 * new file with the process's umask. Without POSIX permissions it logs that once in Logback's status and writes
 * as the plain appender does. Thread-safe as its parent: files are opened under its lock.
 */
public class OwnerOnlyRollingFileAppender<E> extends RollingFileAppender<E> {

    private boolean noticed;

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        if (OwnerOnly.supported(file)) {
            try {
                OwnerOnly.createFile(file);
            } catch (FileAlreadyExistsException e) {
                restrict(file);
            }
        } else if (!noticed) {
            // Logback's status, not OwnerOnly's SLF4J notice: logging from inside an appender being configured
            // would reach no appender.
            noticed = true;
            addInfo("no POSIX permissions for " + file + "; the log file gets the file system's defaults");
        }
        super.openFile(fileName);
    }

    /** A file this process may write but not chmod (another owner's) is still logged to, with a warning. */
    private void restrict(Path file) {
        try {
            OwnerOnly.restrict(file);
        } catch (IOException e) {
            addWarn("cannot make " + file + " owner-only: " + e);
        }
    }
}
