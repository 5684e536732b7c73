package dev.webwxbot.safeoutput.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.webwxbot.safeoutput.TerminalText;

/**
 * {@code %safeMsg}: the formatted message with its arguments cleaned by {@link TerminalText}, so a nickname, a
 * MsgId or a server's error text cannot reach the operator's terminal or the log file as escape sequences, bidi
 * overrides or a forged line. Replaces {@code %msg} in every pattern. Stateless; thread-safe.
 */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return TerminalText.clean(event.getFormattedMessage());
    }
}
