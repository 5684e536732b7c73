package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code config/logback.xml}, in a logging context of its own: the log file exists only where
 * {@code WEBWX_LOG_DIR} points ({@code run} and {@code chat} set it to DATA_DIR/logs), so a command that only talks
 * to a running bot leaves no {@code data/logs} behind in the folder it ran from; and the conditional set-up
 * reports no problem (Logback would print its whole status on the console otherwise).
 */
class ShippedLoggingTest {

    private static final Path CONFIG = Path.of("../config/logback.xml");

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void withoutALogFolderOnlyTheConsoleIsConfiguredAndNoFileIsOpened() throws Exception {
        configure(null);
        assertEquals(List.of("CONSOLE"), appenders(), "no file appender: WEBWX_LOG_DIR must be unset for this test");
        assertNoStatusAbove(Status.INFO);
    }

    @Test
    void withALogFolderTheFileIsWrittenThere() throws Exception {
        Path logs = dir.resolve("logs");
        configure(logs);
        assertEquals(List.of("CONSOLE", "FILE"), appenders());
        context.getLogger("dev.webwxbot.conversation").info("account default: message in: text → answered by echo");
        context.stop();
        assertTrue(Files.readString(logs.resolve("webwx-bot.log")).contains("answered by echo"));
        assertNoStatusAbove(Status.INFO);
    }

    private void configure(Path logs) throws Exception {
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (logs != null) context.putProperty(LogFiles.LOG_DIR, logs.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIG.toFile());
    }

    private List<String> appenders() {
        List<String> names = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(a -> names.add(a.getName()));
        return names;
    }

    private void assertNoStatusAbove(int level) {
        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() > level).toList();
        assertEquals(List.of(), problems);
    }
}
