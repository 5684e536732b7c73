package dev.webwxbot.plugins.autoreply;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The plugin's log lines at WARN and above while it is open, kept from the console: a test that makes the plugin
 * warn asserts the warning instead of leaving it in the build's output. Close it after the test.
 */
final class CapturedLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AutoReplyHandler.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final boolean additive;

    CapturedLog() {
        appender.start();
        additive = logger.isAdditive();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** The formatted messages of this level, in order. */
    List<String> lines(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        appender.stop();
    }
}
