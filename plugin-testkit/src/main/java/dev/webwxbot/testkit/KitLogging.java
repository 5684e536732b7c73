package dev.webwxbot.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.webwxbot.safeoutput.logback.SafeMessageConverter;
import dev.webwxbot.safeoutput.logback.SafeThrowableConverter;
import org.slf4j.Logger;

/**
 * Logback's configuration in a plugin's tests when the project has none: warnings and errors on the console,
 * cleaned as the bot's own log lines are, instead of Logback's default of every DEBUG line of the network stack.
 * A {@code logback-test.xml}, {@code logback.xml} or {@code -Dlogback.configurationFile} of the project wins.
 *
 * <p>Not API: public only because Logback finds it through {@link java.util.ServiceLoader}.
 */
@ConfiguratorRank(ConfiguratorRank.FALLBACK)
public final class KitLogging extends ContextAwareBase implements Configurator {

    /** Logback's own configuration files, in the order it looks for them. */
    private static final String[] PROJECT_FILES = {"logback-test.xml", "logback.xml"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (projectConfigures()) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safeMsg", SafeMessageConverter::new);
        layout.getInstanceConverterMap().put("safeEx", SafeThrowableConverter::new);
        layout.setPattern("%d{HH:mm:ss.SSS} [%thread] %-5level %logger{20} - %safeMsg%n%safeEx");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("plugin-testkit");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean projectConfigures() {
        if (System.getProperty("logback.configurationFile") != null) return true;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = KitLogging.class.getClassLoader();
        for (String file : PROJECT_FILES) {
            if (loader.getResource(file) != null) return true;
        }
        return false;
    }
}
