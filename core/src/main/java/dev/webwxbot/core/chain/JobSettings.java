package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.schedule.MissedRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the host runs plugins' scheduled jobs, from the operator's {@code webwx-bot.jobs} block:
 *
 * <pre>
 * jobs {
 *   time-zone = "Asia/Shanghai"   # cron expressions are read in it; empty: the machine's zone
 *   missed-runs = skip            # or run-once: a cron job's runs missed while the daemon was down
 * }
 * </pre>
 *
 * @param clock all job time comes from it, so tests drive it
 * @param stateFile where each cron job's last run is remembered across restarts (the daemon puts it in its data
 *     folder); empty to remember nothing, so missed runs are never caught up
 */
public record JobSettings(Clock clock, ZoneId zone, MissedRuns missedRuns, Optional<Path> stateFile) {

    public JobSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(missedRuns, "missedRuns");
        Objects.requireNonNull(stateFile, "stateFile");
    }

    /** The system clock and zone, skipping missed runs, remembering nothing. */
    public static JobSettings defaults() {
        return new JobSettings(Clock.systemUTC(), ZoneId.systemDefault(), MissedRuns.SKIP, Optional.empty());
    }

    /**
     * Reads the operator's block at {@code path}, e.g. {@code webwx-bot.jobs} (absent keys keep the defaults).
     *
     * @throws InvalidSettingsException naming the key of an unknown zone or policy
     */
    public static JobSettings read(Config operator, String path, Clock clock, Optional<Path> stateFile) {
        ZoneId zone = ZoneId.systemDefault();
        MissedRuns missed = MissedRuns.SKIP;
        String zoneKey = path + ".time-zone";
        String missedKey = path + ".missed-runs";
        if (operator.hasPath(zoneKey) && !operator.getString(zoneKey).isBlank()) {
            String value = operator.getString(zoneKey);
            try {
                zone = ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new InvalidSettingsException(zoneKey, "not a time zone: '" + value
                        + "' (use a region such as Asia/Shanghai or an offset such as +08:00)");
            }
        }
        if (operator.hasPath(missedKey)) {
            String value = operator.getString(missedKey);
            missed = switch (value.toLowerCase(Locale.ROOT)) {
                case "skip" -> MissedRuns.SKIP;
                case "run-once" -> MissedRuns.RUN_ONCE;
                default -> throw new InvalidSettingsException(missedKey,
                        "must be skip or run-once, not '" + value + "'");
            };
        }
        return new JobSettings(clock, zone, missed, stateFile);
    }

    /** The same settings with another clock. */
    public JobSettings withClock(Clock newClock) {
        return new JobSettings(newClock, zone, missedRuns, stateFile);
    }
}
