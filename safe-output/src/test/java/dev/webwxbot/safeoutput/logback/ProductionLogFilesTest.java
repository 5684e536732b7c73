package dev.webwxbot.safeoutput.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped {@code config/logback.xml} writes owner-only files: the folders it creates {@code rwx------}, the
 * log file and every rolled archive {@code rw-------}, and a log file an earlier version left readable is
 * restricted. Runs the real configuration in a context of its own, rolled at 2 KB so a test can roll it.
 */
class ProductionLogFilesTest {

    private static final Path CONFIG = Path.of("../config/logback.xml");

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theFoldersItCreatesTheLogFileAndEveryRolledArchiveAreOwnerOnly() throws Exception {
        Path logs = dir.resolve("data").resolve("logs");
        Logger log = configure(logs);
        // Logback checks the size at most every few dozen milliseconds (its invocation gate), so a burst may not
        // roll at all: log in small batches over time until two archives exist, within a bound.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        for (int i = 0; archives(logs).size() < 2 && System.nanoTime() < deadline; i++) {
            for (int j = 0; j < 10; j++) log.info("line {} of a conversation the operator alone may read", i * 10 + j);
            Thread.sleep(25);
        }
        context.stop(); // waits for the archive remover

        assertEquals("rwx------", permissions(dir.resolve("data")));
        assertEquals("rwx------", permissions(logs));
        assertEquals("rw-------", permissions(logs.resolve("webwx-bot.log")));
        List<Path> archives = archives(logs);
        assertTrue(archives.size() >= 2, "rolled: " + archives);
        for (Path archive : archives) {
            assertTrue(archive.getFileName().toString().matches("webwx-bot\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log"),
                    archive.toString());
            assertEquals("rw-------", permissions(archive), archive.toString());
        }
        assertNoStatusAbove(Status.INFO);
    }

    private static List<Path> archives(Path logs) throws java.io.IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> !f.getFileName().toString().equals("webwx-bot.log")).toList();
        }
    }

    @Test
    void aLogFileAnEarlierVersionLeftReadableIsRestrictedAndItsFolderLeftAsTheOperatorMadeIt() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-x---"));
        Path file = Files.writeString(logs.resolve("webwx-bot.log"), "an older line\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        configure(logs).info("a new line");
        context.stop();

        assertEquals("rw-------", permissions(file));
        assertEquals("rwxr-x---", permissions(logs));
        String written = Files.readString(file);
        assertTrue(written.startsWith("an older line\n") && written.contains("a new line"), written);
        assertNoStatusAbove(Status.INFO);
    }

    private Logger configure(Path logs) throws Exception {
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("WEBWX_LOG_DIR", logs.toString());
        context.putProperty("WEBWX_LOG_MAX_FILE_SIZE", "2KB");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIG.toFile());
        return context.getLogger("dev.webwxbot.test");
    }

    private void assertNoStatusAbove(int level) {
        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() > level).toList();
        assertFalse(problems.stream().findAny().isPresent(), problems.toString());
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
