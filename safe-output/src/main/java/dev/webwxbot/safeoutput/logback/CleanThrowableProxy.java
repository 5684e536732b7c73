package dev.webwxbot.safeoutput.logback;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.Arrays;

/** A logged exception as Logback sees it, with the texts that can come from outside cleaned. Immutable. */
record CleanThrowableProxy(IThrowableProxy raw) implements IThrowableProxy {

    static IThrowableProxy of(IThrowableProxy raw) {
        return raw == null || raw instanceof CleanThrowableProxy ? raw : new CleanThrowableProxy(raw);
    }

    @Override
    public String getMessage() {
        return clean(raw.getMessage());
    }

    @Override
    public String getOverridingMessage() {
        return clean(raw.getOverridingMessage());
    }

    @Override
    public String getClassName() {
        return clean(raw.getClassName());
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return raw.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return raw.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(raw.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = raw.getSuppressed();
        return suppressed == null ? null : Arrays.stream(suppressed).map(CleanThrowableProxy::of)
                .toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
        return raw.isCyclic();
    }

    private static String clean(String text) {
        return text == null ? null : TerminalText.clean(text);
    }
}
