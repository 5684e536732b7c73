package dev.webwxbot.safeoutput.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The converters on their own: what {@code %safeMsg} and {@code %safeEx} make of odd messages and exceptions. */
class SafeConvertersTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void messageArgumentsAreCleanedAndALineBreakStaysOnTheLine() {
        String line = render("%safeMsg", event("user {} said {}", null, "\u001b]0;t\u0007Eve", "hi\r\nFAKE"));
        assertEquals("user \uFFFD]0;t\uFFFDEve said hi↵FAKE", line);
    }

    @Test
    void anExceptionWithoutAMessageAndACycleOfCausesArePrintedWithoutFailing() {
        IllegalStateException first = new IllegalStateException();
        RuntimeException second = new RuntimeException("loop\u001b[2J", first);
        first.initCause(second);
        String trace = render("%safeEx", event("failed", first));
        assertTrue(trace.startsWith("java.lang.IllegalStateException\n\tat "), trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: loop\uFFFD[2J"), trace);
        assertTrue(trace.contains("CIRCULAR REFERENCE"), trace);
    }

    private LoggingEvent event(String format, Throwable failure, Object... arguments) {
        return new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.WARN, format, failure,
                arguments);
    }

    private String render(String pattern, LoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        Map<String, String> rules = new HashMap<>();
        rules.put("safeMsg", SafeMessageConverter.class.getName());
        rules.put("safeEx", SafeThrowableConverter.class.getName());
        context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        layout.setPattern(pattern);
        layout.start();
        return layout.doLayout(event);
    }
}
