package dev.webwxbot.api.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job runs. Cron expressions use the five fields of Unix cron (minute hour day-of-month month day-of-week,
 * e.g. {@code "0 9 * * MON-FRI"}) and are read in the job's time zone: the one given here, else the operator's
 * {@code webwx-bot.jobs.time-zone}.
 */
public sealed interface Schedule {

    /** A Unix cron expression in the operator's time zone; checked when the job is scheduled. */
    static Cron cron(String expression) {
        return new Cron(expression, Optional.empty());
    }

    /** Every {@code period}, counted from when the job was scheduled, whatever each run takes. */
    static FixedRate fixedRate(Duration period) {
        return new FixedRate(period);
    }

    /** {@code delay} after scheduling, then {@code delay} after each run ends. */
    static FixedDelay fixedDelay(Duration delay) {
        return new FixedDelay(delay);
    }

    /** Once at {@code when}; a time already past runs at once. */
    static At at(Instant when) {
        return new At(when);
    }

    /** Once, {@code delay} from now. */
    static After after(Duration delay) {
        return new After(delay);
    }

    /** @param zone the zone the fields are read in; empty for the operator's {@code webwx-bot.jobs.time-zone} */
    record Cron(String expression, Optional<ZoneId> zone) implements Schedule {
        public Cron {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
        }

        /** The same expression read in {@code newZone}. */
        public Cron in(ZoneId newZone) {
            return new Cron(expression, Optional.of(newZone));
        }
    }

    record FixedRate(Duration period) implements Schedule {
        public FixedRate {
            positive(period, "period");
        }
    }

    record FixedDelay(Duration delay) implements Schedule {
        public FixedDelay {
            positive(delay, "delay");
        }
    }

    record At(Instant when) implements Schedule {
        public At {
            Objects.requireNonNull(when, "when");
        }
    }

    record After(Duration delay) implements Schedule {
        public After {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    private static void positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
