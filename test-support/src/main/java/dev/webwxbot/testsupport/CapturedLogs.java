package dev.webwxbot.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * What the code under test logged, for a test that provokes a warning on purpose and asserts it. While attached, it
 * receives every line that reaches the root logger, and the console configured with {@link CapturedLogsConsoleFilter}
 * stays quiet, so an expected warning does not read as a problem in the build's output.
 *
 * <pre>{@code
 * try (CapturedLogs logs = CapturedLogs.attach()) {
 *     store.open(corruptFile);
 *     assertEquals(List.of("message store cannot be opened: ..."), logs.at(Level.ERROR));
 * }
 * }</pre>
 *
 * <p>A WARN or ERROR line counts as asserted once the test has read it back through {@link #at} or {@link #atLeast}
 * (reading works after {@link #close()} too); the {@link LogGuard} fails a test that leaves one unread. Attach in the
 * test or its {@code @BeforeEach}, close in a finally block or {@code @AfterEach}. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Set<ILoggingEvent> read = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Capture appender = new Capture();

    private CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.setName("captured-logs-" + System.identityHashCode(this));
        appender.start();
        LogRecords.attached(this);
        root.addAppender(appender);
    }

    /** Starts capturing every line that reaches the root logger. */
    public static CapturedLogs attach() {
        LogGuard.install();
        return new CapturedLogs();
    }

    /** The formatted messages logged at exactly {@code level}, oldest first; marks them asserted. */
    public List<String> at(Level level) {
        return messages(event -> event.getLevel().equals(level));
    }

    /** The formatted messages logged at {@code level} or above, oldest first; marks them asserted. */
    public List<String> atLeast(Level level) {
        return messages(event -> event.getLevel().isGreaterOrEqual(level));
    }

    /**
     * Every formatted message, one a line, for checking that something never appears (a secret, a body). Reading it
     * asserts no warning: a test that expects one reads it through {@link #at} or {@link #atLeast}.
     */
    public String all() {
        StringBuilder text = new StringBuilder();
        synchronized (events) {
            events.forEach(event -> text.append(event.getFormattedMessage()).append('\n'));
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        LogRecords.detached(this);
    }

    private List<String> messages(Predicate<ILoggingEvent> wanted) {
        synchronized (events) {
            List<ILoggingEvent> found = events.stream().filter(wanted).toList();
            read.addAll(found);
            return found.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The WARN and ERROR lines captured and not read back yet. */
    List<ILoggingEvent> unread() {
        synchronized (events) {
            return events.stream().filter(LogRecords::serious).filter(event -> !read.contains(event)).toList();
        }
    }

    private final class Capture extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            synchronized (events) {
                events.add(event);
            }
        }
    }
}
