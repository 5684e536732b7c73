package dev.webwxbot.api.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * A job's name and when it runs, with optional settings.
 *
 * <pre>{@code
 * jobs.schedule(JobSpec.of("digest", Schedule.cron("0 9 * * *")).forAccount("work").onMissed(MissedRuns.RUN_ONCE),
 *         run -> run.bot().ifPresent(bot -> ...));
 * }</pre>
 *
 * @param name unique within the plugin (and account): scheduling the same name again replaces the job
 * @param account the account whose bot the run gets ({@link JobContext#bot()}); empty when the job is not tied to
 *     one (it then gets the only account online, if exactly one is)
 * @param missedRuns what a cron job does about runs missed while the daemon was down; empty for the operator's
 *     {@code webwx-bot.jobs.missed-runs}
 */
public record JobSpec(String name, Schedule schedule, Optional<String> account, Optional<MissedRuns> missedRuns) {

    public JobSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("a job needs a name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(missedRuns, "missedRuns");
    }

    public static JobSpec of(String name, Schedule schedule) {
        return new JobSpec(name, schedule, Optional.empty(), Optional.empty());
    }

    /** The same job, run for the account {@code id}. */
    public JobSpec forAccount(String id) {
        return new JobSpec(name, schedule, Optional.of(id), missedRuns);
    }

    /** The same job with its own policy for missed runs. */
    public JobSpec onMissed(MissedRuns policy) {
        return new JobSpec(name, schedule, account, Optional.of(policy));
    }
}
