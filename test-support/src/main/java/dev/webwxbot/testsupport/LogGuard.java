package dev.webwxbot.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test that logs a WARN or ERROR line it does not assert, so a passing run's output holds no warning and a
 * real problem is never buried under expected ones. A line counts as asserted when the test captured it with
 * {@link CapturedLogs} and read it back; every other WARN or ERROR fails the test that was running, with the lines
 * in the failure. Lines logged between tests (late lines of a test's background threads, {@code @BeforeAll} and
 * {@code @AfterAll} work) fail the test class instead.
 *
 * <p>Registered for every test of a module that has test-support on its test class path, through
 * {@code META-INF/services} and the {@code junit-platform.properties} of this jar, which turn on JUnit's extension
 * auto-detection: no test has to remember it, and IDEs run it as the build does. With
 * {@code -Dwebwx.test.logGuard=report} (a system property or JUnit configuration parameter) it prints the lines to
 * standard error instead of failing, for a survey of a whole suite.
 *
 * <p>Needs Logback as the SLF4J binding (every module of ours tests with it); without it, it does nothing.
 */
public final class LogGuard implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final String APPENDER = "webwx-log-guard";
    /** A JUnit configuration parameter, or a system property ({@code -Dwebwx.test.logGuard=report}). */
    private static final String MODE = "webwx.test.logGuard";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LogGuard.class);

    /**
     * Adds the guard's appender to the root logger once; idempotent. A test that reconfigures Logback (as the
     * daemon does with its log files) resets the context, which removes every appender: a reset-resistant listener
     * adds the guard's again.
     */
    static synchronized void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (addAppender(context)) {
            context.addListener(new ReinstallOnReset());
        }
    }

    /** Adds the appender unless the root logger has it; returns whether it was added. */
    private static boolean addAppender(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return false;
        }
        AppenderBase<ILoggingEvent> guard = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (LogRecords.serious(event)) {
                    event.prepareForDeferredProcessing();
                    LogRecords.logged(event);
                }
            }
        };
        guard.setContext(context);
        guard.setName(APPENDER);
        guard.start();
        root.addAppender(guard);
        return true;
    }

    private static final class ReinstallOnReset implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            addAppender(context);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        // Late lines of the class run before this one (already finished): named when this class ends.
        strays(context).addAll(LogRecords.takeUnasserted());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
        strays(context).addAll(LogRecords.takeUnasserted());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<ILoggingEvent> lines = LogRecords.takeUnasserted();
        if (!lines.isEmpty()) {
            report(context, "logged by this test and not asserted (capture and assert it with CapturedLogs, or fix "
                    + "its cause)", lines);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<ILoggingEvent> lines = strays(context);
        lines.addAll(LogRecords.takeUnasserted());
        if (!lines.isEmpty()) {
            report(context, "logged outside this class's tests (@BeforeAll/@AfterAll work, or late lines of a test's "
                    + "background threads, possibly of the class run before) and not asserted", lines);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ILoggingEvent> strays(ExtensionContext context) {
        // Stored on the class's context, which outlives its tests' contexts (and a parameterized test's template).
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("strays", key -> new ArrayList<ILoggingEvent>(),
                List.class);
    }

    private static void report(ExtensionContext context, String what, List<ILoggingEvent> lines) {
        String message = lines.size() + " WARN/ERROR line(s) " + what + ":\n" + LogRecords.describe(lines);
        if ("report".equals(context.getConfigurationParameter(MODE).orElse("fail"))) {
            System.err.println("[log guard] " + context.getDisplayName() + ": " + message);
            return;
        }
        throw new AssertionError(message);
    }
}
