package dev.webwxbot.core.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One scheduled job of a plugin, for {@code plugins list} and the HTTP API. Immutable.
 *
 * @param name the job's name
 * @param account the account it runs for; empty when not tied to one
 * @param schedule the schedule in words, e.g. {@code cron "0 9 * * *" Asia/Shanghai} or {@code every PT5M}
 * @param nextRun when it runs next; empty while a fixed-delay run is in progress
 */
public record JobStatus(String name, String account, String schedule, Optional<Instant> nextRun) {

    public JobStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(nextRun, "nextRun");
    }

    /** One line for a terminal. */
    public String describe() {
        return "job " + name + (account.isEmpty() ? "" : " [" + account + "]") + ": " + schedule + ", next "
                + nextRun.map(Instant::toString).orElse("(running)");
    }
}
