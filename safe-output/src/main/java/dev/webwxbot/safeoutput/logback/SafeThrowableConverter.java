package dev.webwxbot.safeoutput.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %safeEx}: the stack trace as {@code %ex} prints it, with every exception's message (and those of its
 * causes and suppressed ones) cleaned: exception messages often quote what the network sent. The trace's own line
 * breaks stay; a line break inside a message becomes a visible mark. Thread-safe, as its parent.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(CleanThrowableProxy.of(proxy));
    }
}
