package dev.webwxbot.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Puts the log files under the data folder ({@code DATA_DIR/logs}), which is only known once the configuration
 * and the command line are read, long after Logback started. {@code WEBWX_LOG_DIR} (environment or system
 * property) still wins.
 */
public final class LogFiles {

    static final String LOG_DIR = "WEBWX_LOG_DIR";

    private LogFiles() {
    }

    /** Re-reads the Logback configuration file in use with its log folder set to {@code dataDir/logs}. */
    public static void underDataDir(Path dataDir) {
        if (System.getenv(LOG_DIR) != null || System.getProperty(LOG_DIR) != null) return;
        String file = System.getProperty("logback.configurationFile");
        if (file == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        System.setProperty(LOG_DIR, dataDir.resolve("logs").toAbsolutePath().toString());
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file);
        } catch (JoranException e) {
            // Logback reports its own configuration errors on stderr; the bot runs on with what it could set up.
            System.err.println("[webwx-bot] could not configure logging from " + file + ": " + e.getMessage());
        }
    }
}
