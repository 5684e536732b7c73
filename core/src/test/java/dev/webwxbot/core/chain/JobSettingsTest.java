package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.schedule.MissedRuns;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's jobs block: a zone and a policy, the machine's zone when empty, a mistake named by its key. */
class JobSettingsTest {

    private static JobSettings read(String hocon) {
        return JobSettings.read(ConfigFactory.parseString(hocon), "webwx-bot.jobs", Clock.systemUTC(), Optional.empty());
    }

    @Test
    void readsTheZoneAndThePolicy() {
        JobSettings settings = read("webwx-bot.jobs { time-zone = \"Asia/Shanghai\", missed-runs = run-once }");
        assertEquals(ZoneId.of("Asia/Shanghai"), settings.zone());
        assertEquals(MissedRuns.RUN_ONCE, settings.missedRuns());
    }

    @Test
    void anEmptyZoneIsTheMachinesAndTheDefaultPolicySkips() {
        JobSettings settings = read("webwx-bot.jobs { time-zone = \"\" }");
        assertEquals(ZoneId.systemDefault(), settings.zone());
        assertEquals(MissedRuns.SKIP, settings.missedRuns());
    }

    @Test
    void anUnknownZoneOrPolicyIsRefusedWithItsKey() {
        InvalidSettingsException zone = assertThrows(InvalidSettingsException.class,
                () -> read("webwx-bot.jobs.time-zone = \"Mars/Olympus\""));
        assertEquals("webwx-bot.jobs.time-zone", zone.key());
        InvalidSettingsException policy = assertThrows(InvalidSettingsException.class,
                () -> read("webwx-bot.jobs.missed-runs = always"));
        assertEquals("webwx-bot.jobs.missed-runs", policy.key());
    }
}
