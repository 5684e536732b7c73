package dev.webwxbot.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the code under test logged, for tests that provoke a warning on purpose and assert it. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLogs attach() {
        return new CapturedLogs();
    }

    /** The formatted messages logged at exactly {@code level}, oldest first. */
    public List<String> at(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Every formatted message and any throwable text, for checking that something never appears. */
    public String all() {
        synchronized (appender) {
            StringBuilder text = new StringBuilder();
            appender.list.forEach(e -> text.append(e.getFormattedMessage()).append('\n'));
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
