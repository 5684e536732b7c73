package dev.webwxbot.server.api;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon its logging is already set up: the web server logs through {@code System.Logger}, which
 * slf4j-jdk-platform-logging routes to SLF4J and so into the bot's own log files. Without a provider Helidon prints
 * a line to stderr at every start. Found through {@code META-INF/services}.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        // Nothing to set up: Logback is configured by the launcher.
    }

    @Override
    public void runTime() {
        // Nothing to set up.
    }
}
