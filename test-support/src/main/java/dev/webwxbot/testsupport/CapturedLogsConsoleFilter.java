package dev.webwxbot.testsupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the console quiet while a {@link CapturedLogs} is attached: the test asserts those lines itself, and the
 * {@link LogGuard} names any it leaves unread. In a module's {@code logback-test.xml}:
 *
 * <pre>{@code
 * <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
 *   <filter class="dev.webwxbot.testsupport.CapturedLogsConsoleFilter"/>
 *   ...
 * }</pre>
 */
public final class CapturedLogsConsoleFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        return LogRecords.anyAttached() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
