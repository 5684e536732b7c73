package dev.webwxbot.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The state the {@link LogGuard} and every {@link CapturedLogs} share, one per JVM (surefire runs a module's test
 * classes one after another in one JVM): which captures are attached, and the WARN and ERROR lines nobody captured
 * since the guard last looked. Thread-safe: code under test logs from any thread.
 */
final class LogRecords {
    private static final List<CapturedLogs> attached = new ArrayList<>();
    private static final List<CapturedLogs> toCheck = new ArrayList<>();
    private static final List<ILoggingEvent> uncaptured = new ArrayList<>();
    private static final Set<ILoggingEvent> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    private LogRecords() {
    }

    static boolean serious(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.WARN);
    }

    static synchronized void attached(CapturedLogs logs) {
        attached.add(logs);
        toCheck.add(logs);
    }

    static synchronized void detached(CapturedLogs logs) {
        attached.remove(logs);
    }

    static synchronized boolean anyAttached() {
        return !attached.isEmpty();
    }

    /** A WARN or ERROR line: a capture's to assert when one is attached, otherwise unexpected. */
    static synchronized void logged(ILoggingEvent event) {
        if (serious(event) && attached.isEmpty()) {
            uncaptured.add(event);
        }
    }

    /**
     * Every WARN and ERROR line logged since the last call that no test asserted: logged with no capture attached, or
     * captured and never read back through {@link CapturedLogs#at} or {@link CapturedLogs#atLeast}. Each is reported
     * once; captures that are closed are then forgotten.
     */
    static synchronized List<ILoggingEvent> takeUnasserted() {
        List<ILoggingEvent> found = new ArrayList<>(uncaptured);
        uncaptured.clear();
        for (CapturedLogs logs : toCheck) {
            for (ILoggingEvent event : logs.unread()) {
                if (reported.add(event)) {
                    found.add(event);
                }
            }
        }
        toCheck.retainAll(attached);
        if (toCheck.isEmpty()) {
            reported.clear();
        }
        found.sort((a, b) -> Long.compare(a.getTimeStamp(), b.getTimeStamp()));
        return found;
    }

    /** One line per event, with the throwable's class and message; see {@link #escaped}. */
    static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events) {
            text.append("  ").append(event.getLevel()).append(' ').append(event.getLoggerName())
                    .append(" [").append(escaped(event.getThreadName())).append("] - ")
                    .append(escaped(event.getFormattedMessage()));
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                text.append(" (").append(thrown.getClassName()).append(": ").append(escaped(thrown.getMessage()))
                        .append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The text with control, format (bidi overrides, zero-width) and line-separator characters written as
     * {@code \\uXXXX}: a line that quotes a server or a contact must not forge lines or reorder the report it ends
     * up in (the modules' consoles clean it with safe-output's converters; this jar depends on nothing of ours).
     */
    static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE;
            if (unsafe) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
