package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.SessionStalled.Symptom;
import dev.webwxbot.core.WatchdogSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The watchdog's symptoms and the activity it learns "normally active" from, on plain instants. */
class StallSignsTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private final WatchdogSettings settings = WatchdogSettings.defaults();

    private static Instant at(int day, int hour, int minute) {
        return START.plus(DAY.multipliedBy(day)).plus(Duration.ofHours(hour - 9)).plus(Duration.ofMinutes(minute));
    }

    @Test
    void anHoursCountIsTakenInProportionToTheOverlapAndAveragedOverWatchedDays() {
        ActivityHistory history = new ActivityHistory(7, START);
        for (int i = 0; i < 30; i++) history.record(at(0, 10, 0));
        for (int i = 0; i < 10; i++) history.record(at(1, 10, 59));
        assertEquals(15.0, history.expectedBetween(at(1, 10, 0), at(1, 10, 30)), 1e-9, "one watched day: day 0");
        assertEquals(10.0, history.expectedBetween(at(2, 10, 0), at(2, 10, 30)), 1e-9, "(15 + 5) / 2 days");
        assertEquals(0.0, history.expectedBetween(at(2, 3, 0), at(2, 3, 30)), 1e-9, "the night was quiet");
        assertEquals(0.0, history.expectedBetween(at(0, 10, 0), at(0, 10, 30)), 1e-9, "no earlier day was watched");
    }

    @Test
    void aSilenceCountsOnlyWhenTheSameStretchOfRecentDaysWasBusy() {
        StallSigns signs = new StallSigns(settings, START);
        signs.delivered(at(0, 10, 0), 30);
        signs.delivered(at(1, 9, 55), 1);
        assertEquals(Optional.empty(), signs.verdict(at(1, 10, 20)), "25 minutes is not yet quiet-limit");
        Optional<StallSigns.Finding> found = signs.verdict(at(1, 10, 35));
        assertEquals(Symptom.SELECTOR_ALWAYS_ZERO, found.orElseThrow().symptom());
        signs.polled(at(1, 10, 10), 2);
        assertEquals(Symptom.NO_MESSAGES, signs.verdict(at(1, 10, 35)).orElseThrow().symptom(),
                "news was announced but nothing came");
        assertEquals(Optional.empty(), signs.verdict(at(2, 3, 0)), "at night the same silence is normal");
    }

    @Test
    void fruitlessRoundsCountOnlyWhenTheyLastAndRepeat() {
        StallSigns signs = new StallSigns(settings, START);
        signs.synced(at(0, 9, 1), false, false);
        signs.synced(at(0, 9, 1), false, false);
        assertEquals(Optional.empty(), signs.verdict(at(0, 9, 10)), "two rounds are not enough");
        signs.synced(at(0, 9, 2), false, false);
        assertEquals(Optional.empty(), signs.verdict(at(0, 9, 2)), "not for long enough yet");
        assertEquals(Symptom.SYNC_KEY_FROZEN, signs.verdict(at(0, 9, 3)).orElseThrow().symptom());
        signs.synced(at(0, 9, 4), true, true);
        assertEquals(Optional.empty(), signs.verdict(at(0, 9, 10)), "a good round ends the streak");
    }

    @Test
    void missingEchoesCountOnlyInASessionWhoseSendsEchoedBefore() {
        StallSigns signs = new StallSigns(settings, START);
        for (String id : new String[] {"1", "2", "3"}) signs.sendAnswered(at(0, 9, 0), id);
        assertEquals(Optional.empty(), signs.verdict(at(0, 9, 10)), "this account may never echo");
        signs.ownMessage("4"); // the echo came through sync before its send's answer was read
        signs.sendAnswered(at(0, 9, 0), "4");
        Optional<StallSigns.Finding> found = signs.verdict(at(0, 9, 10));
        assertEquals(Symptom.ECHOES_MISSING, found.orElseThrow().symptom());
        assertTrue(found.get().explanation().startsWith("3 sent messages"), found.get().explanation());
        signs.restart(at(0, 9, 10));
        assertEquals(Optional.empty(), signs.verdict(at(0, 9, 20)));
    }
}
