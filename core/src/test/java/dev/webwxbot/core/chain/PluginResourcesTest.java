package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A plugin's resources close once, newest first, all of them even when one fails, and a late one at once. */
class PluginResourcesTest {

    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final PluginResources resources = new PluginResources("p");

    @Test
    void closesEverythingNewestFirstAndOnlyOnce() {
        resources.add(() -> closed.add("executor"));
        resources.add(() -> closed.add("jobs"));
        resources.add(() -> closed.add("conversation"));
        resources.close();
        resources.close();
        assertEquals(List.of("conversation", "jobs", "executor"), closed);
        assertEquals(0, resources.size());
    }

    @Test
    void aResourceRegisteredAfterTheCloseIsClosedAtOnce() {
        resources.close();
        resources.add(() -> closed.add("late timer"));
        assertEquals(List.of("late timer"), closed);
    }

    @Test
    void oneThatFailsToCloseIsLoggedAndTheOthersStillClose() {
        resources.add(() -> closed.add("first"));
        resources.add(() -> {
            throw new IllegalStateException("stuck");
        });
        try (CapturedLogs logs = CapturedLogs.attach()) {
            resources.close();
            logs.expect(Level.WARN, "plugin 'p': a resource did not close cleanly: .*stuck");
        }
        assertEquals(List.of("first"), closed);
    }
}
