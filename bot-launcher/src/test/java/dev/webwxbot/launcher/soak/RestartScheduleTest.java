package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.launcher.soak.RestartSchedule.Restart;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartScheduleTest {

    private static final Duration INJECTION = Duration.ofSeconds(100);

    @Test
    void theSameSeedGivesTheSameRestartsInOrderInsideTheMiddleOfTheInjection() {
        List<Restart> restarts = RestartSchedule.plan(7, 10, 4, INJECTION);
        assertEquals(restarts, RestartSchedule.plan(7, 10, 4, INJECTION));
        assertEquals(10, restarts.stream().filter(Restart::kill).count());
        assertEquals(4, restarts.stream().filter(r -> !r.kill()).count());
        for (int i = 0; i < restarts.size(); i++) {
            Duration at = restarts.get(i).at();
            assertTrue(at.compareTo(Duration.ofSeconds(10)) >= 0 && at.compareTo(Duration.ofSeconds(90)) <= 0, at::toString);
            if (i > 0) assertTrue(at.compareTo(restarts.get(i - 1).at()) >= 0, "in time order");
        }
    }

    @Test
    void anotherSeedGivesOtherTimes() {
        assertNotEquals(RestartSchedule.plan(7, 3, 2, INJECTION), RestartSchedule.plan(8, 3, 2, INJECTION));
    }
}
