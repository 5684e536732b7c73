package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** This module's tests have no logback-test.xml, so the kit's own console configuration is in force. */
class KitLoggingTest {

    @Test
    void withoutAProjectConfigurationWarningsGoToTheConsoleAndDebugDoesNot() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertNotNull(root.getAppender("plugin-testkit"));
    }
}
