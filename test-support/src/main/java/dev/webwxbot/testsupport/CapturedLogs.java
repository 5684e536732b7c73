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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
 *
 * logs.expect(Level.WARN, "plugin 'flaky' \\(Flaky\\) failed on TextMessage: .*");   // checked on close()
 * }</pre>
 *
 * <p>A WARN or ERROR line counts as asserted once the test has read it back through {@link #at} or {@link #atLeast}
 * (reading works after {@link #close()} too), or declared it with {@link #expect} or {@link #allow}; the
 * {@link LogGuard} fails a test that leaves one unasserted. Attach in the test or its {@code @BeforeEach}, close in a
 * finally block or {@code @AfterEach}. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Set<ILoggingEvent> read = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private final Capture appender = new Capture();

    /** A WARN or ERROR line a test declared: {@code required} ones must be logged before {@link #close()}. */
    private record Expectation(Level level, Pattern pattern, boolean required) {
        boolean matches(ILoggingEvent event) {
            return event.getLevel().equals(level) && pattern.matcher(event.getFormattedMessage()).matches();
        }
    }

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

    /**
     * Declares a line the test provokes: at least one line at {@code level} whose formatted message matches
     * {@code regex} (the whole message; {@code .} matches line ends too) must be logged before {@link #close()},
     * which fails otherwise; every such line counts as asserted. Declared up front, it also covers a line logged
     * on another thread just after the test's last step, as long as the capture is closed after the code under test
     * (in {@code @AfterEach}, after closing it).
     */
    public CapturedLogs expect(Level level, String regex) {
        expectations.add(new Expectation(level, Pattern.compile(regex, Pattern.DOTALL), true));
        return this;
    }

    /**
     * Declares a line the test may provoke, or not, depending on timing (a retry that a slow machine needs): lines
     * at {@code level} matching {@code regex} count as asserted, and none is required.
     */
    public CapturedLogs allow(Level level, String regex) {
        expectations.add(new Expectation(level, Pattern.compile(regex, Pattern.DOTALL), false));
        return this;
    }

    /** The formatted messages logged at exactly {@code level}, oldest first; marks them asserted. */
    public List<String> at(Level level) {
        return messages(event -> event.getLevel().equals(level));
    }

    /** The formatted messages logged at {@code level} or above, oldest first; marks them asserted. */
    public List<String> atLeast(Level level) {
        return messages(event -> event.getLevel().isGreaterOrEqual(level));
    }

    /** The events logged at {@code level} or above, oldest first, for assertions on logger or throwable; marks them asserted. */
    public List<ILoggingEvent> eventsAtLeast(Level level) {
        synchronized (events) {
            List<ILoggingEvent> found = events.stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
            read.addAll(found);
            return found;
        }
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

    /**
     * Stops capturing, then fails if a line declared with {@link #expect} was not logged. Idempotent: a second call
     * does nothing.
     */
    @Override
    public void close() {
        if (!appender.isStarted()) {
            return;
        }
        root.detachAppender(appender);
        appender.stop();
        LogRecords.detached(this);
        List<String> missing = new ArrayList<>();
        synchronized (events) {
            for (Expectation expected : expectations) {
                if (expected.required() && events.stream().noneMatch(expected::matches)) {
                    missing.add(expected.level() + " " + expected.pattern().pattern());
                }
            }
            if (!missing.isEmpty()) {
                String logged = LogRecords.describe(events.stream().filter(LogRecords::serious).toList());
                throw new AssertionError("expected log line(s) not logged: " + missing + "; the WARN/ERROR lines were:\n"
                        + (logged.isEmpty() ? "  (none)\n" : logged));
            }
        }
    }

    private List<String> messages(Predicate<ILoggingEvent> wanted) {
        synchronized (events) {
            List<ILoggingEvent> found = events.stream().filter(wanted).toList();
            read.addAll(found);
            return found.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The WARN and ERROR lines captured, neither read back nor declared with {@link #expect} or {@link #allow}. */
    List<ILoggingEvent> unread() {
        synchronized (events) {
            return events.stream().filter(LogRecords::serious).filter(event -> !read.contains(event))
                    .filter(event -> expectations.stream().noneMatch(expected -> expected.matches(event))).toList();
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
