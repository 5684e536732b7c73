package dev.webwxbot.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a monitor's callback so that its failure stays its own: logged, never thrown into the session. */
final class Monitors {

    private static final Logger log = LoggerFactory.getLogger(Monitors.class);

    private Monitors() {
    }

    static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a session monitor failed: {}", e.toString());
        }
    }
}
