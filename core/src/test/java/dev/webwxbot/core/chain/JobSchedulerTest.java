package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.schedule.JobHandle;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.api.schedule.Schedule;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a manual clock: cron in a time zone, fixed rates and one-shot jobs, and the runs a cron job missed
 * while the daemon was down, remembered in a state file across a restart (a new scheduler on the same file).
 */
class JobSchedulerTest {

    private static final Instant MONDAY_0800_UTC = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path data;

    private final ManualClock clock = ManualClock.startingAt(MONDAY_0800_UTC);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Instant> runs = new CopyOnWriteArrayList<>();
    private JobScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
        executor.shutdownNow();
    }

    private JobScheduler restart(MissedRuns policy) {
        if (scheduler != null) scheduler.close();
        scheduler = new JobScheduler(new JobSettings(clock, ZoneOffset.UTC, policy,
                Optional.of(data.resolve("jobs.properties"))));
        return scheduler;
    }

    private JobHandle daily(JobScheduler on) {
        PluginJobs jobs = new PluginJobs("digest", on, executor, Map::of);
        return jobs.cron("daily", "0 9 * * *", run -> runs.add(run.scheduledFor()));
    }

    private void advance(Duration amount) {
        clock.advance(amount);
        scheduler.wake();
    }

    @Test
    void cronJobRunsWhenTheManualClockReachesItsTimeAndThenWaitsForTheNextDay() {
        JobHandle job = daily(restart(MissedRuns.SKIP));
        assertEquals(Optional.of(Instant.parse("2026-01-05T09:00:00Z")), job.nextRun());

        advance(Duration.ofMinutes(59));
        assertTrue(runs.isEmpty(), "not yet at 08:59");
        advance(Duration.ofMinutes(1));
        Await.until(() -> runs.size() == 1, "the 09:00 run");
        assertEquals(Instant.parse("2026-01-05T09:00:00Z"), runs.getFirst());
        Await.until(() -> job.nextRun().equals(Optional.of(Instant.parse("2026-01-06T09:00:00Z"))), "the next day");
    }

    @Test
    void cronExpressionIsReadInTheJobsTimeZone() {
        PluginJobs jobs = new PluginJobs("digest", restart(MissedRuns.SKIP), executor, Map::of);
        JobHandle job = jobs.schedule(JobSpec.of("shanghai", Schedule.cron("0 9 * * *").in(ZoneId.of("Asia/Shanghai"))),
                run -> { });
        assertEquals(Optional.of(Instant.parse("2026-01-06T01:00:00Z")), job.nextRun(), "09:00 in Shanghai is 01:00 UTC");
    }

    @Test
    void missedRunIsSkippedAcrossARestartWithTheSkipPolicy() {
        daily(restart(MissedRuns.SKIP));
        scheduler.close();                       // the daemon goes down at 08:00 ...
        clock.advance(Duration.ofHours(3));      // ... and comes back at 11:00, after the 09:00 run
        JobHandle job = daily(restart(MissedRuns.SKIP));

        assertEquals(Optional.of(Instant.parse("2026-01-06T09:00:00Z")), job.nextRun());
        scheduler.wake();
        assertTrue(runs.isEmpty(), "the missed run is not caught up");
    }

    @Test
    void missedRunsAreCaughtUpOnceAcrossARestartWithTheRunOncePolicy() {
        daily(restart(MissedRuns.RUN_ONCE));
        scheduler.close();
        clock.advance(Duration.ofDays(3));       // three 09:00 runs missed
        JobHandle job = daily(restart(MissedRuns.RUN_ONCE));

        Await.until(() -> runs.size() == 1, "one catch-up run");
        assertEquals(Instant.parse("2026-01-05T09:00:00Z"), runs.getFirst(), "due at the first missed time");
        Await.until(() -> job.nextRun().equals(Optional.of(Instant.parse("2026-01-08T09:00:00Z"))), "then on schedule");

        scheduler.close();                       // a restart right after: the catch-up was remembered
        JobHandle again = daily(restart(MissedRuns.RUN_ONCE));
        assertEquals(Optional.of(Instant.parse("2026-01-08T09:00:00Z")), again.nextRun());
        assertEquals(1, runs.size());
    }

    @Test
    void aJobsOwnPolicyOverridesTheOperatorsDefault() {
        PluginJobs jobs = new PluginJobs("digest", restart(MissedRuns.SKIP), executor, Map::of);
        JobSpec spec = JobSpec.of("daily", Schedule.cron("0 9 * * *")).onMissed(MissedRuns.RUN_ONCE);
        jobs.schedule(spec, run -> runs.add(run.scheduledFor()));
        scheduler.close();
        clock.advance(Duration.ofHours(2));
        new PluginJobs("digest", restart(MissedRuns.SKIP), executor, Map::of)
                .schedule(spec, run -> runs.add(run.scheduledFor()));

        Await.until(() -> runs.size() == 1, "the catch-up run its own policy asks for");
    }

    @Test
    void fixedRateAndOneShotJobsFollowTheClockAndAOneShotIsGoneAfterItsRun() {
        PluginJobs jobs = new PluginJobs("ticker", restart(MissedRuns.SKIP), executor, Map::of);
        jobs.fixedRate("tick", Duration.ofMinutes(5), run -> runs.add(run.scheduledFor()));
        jobs.after("once", Duration.ofMinutes(7), run -> runs.add(run.scheduledFor()));
        assertEquals(2, jobs.list().size());

        advance(Duration.ofMinutes(5));
        Await.until(() -> runs.size() == 1, "the first tick");
        advance(Duration.ofMinutes(2));
        Await.until(() -> runs.size() == 2, "the one-shot");
        assertEquals(List.of("tick"), jobs.list().stream().map(h -> h.spec().name()).toList());
        assertEquals(List.of(MONDAY_0800_UTC.plusSeconds(300), MONDAY_0800_UTC.plusSeconds(420)), runs);
    }

    @Test
    void closingAPluginsJobsCancelsThemAndRefusesNewOnes() {
        PluginJobs jobs = new PluginJobs("ticker", restart(MissedRuns.SKIP), executor, Map::of);
        JobHandle tick = jobs.fixedRate("tick", Duration.ofMinutes(5), run -> runs.add(run.scheduledFor()));
        jobs.close();

        assertTrue(tick.cancelled());
        assertEquals(0, scheduler.size());
        assertThrows(IllegalStateException.class, () -> jobs.after("late", Duration.ofMinutes(1), run -> { }));
        advance(Duration.ofMinutes(10));
        assertTrue(runs.isEmpty());
    }

    @Test
    void aJobThatThrowsIsLoggedWithItsPluginAndNameAndKeepsItsSchedule() {
        PluginJobs jobs = new PluginJobs("ticker", restart(MissedRuns.SKIP), executor, Map::of);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            logs.expect(Level.WARN, "plugin 'ticker': job 'boom' failed: java.lang.IllegalStateException: no network");
            jobs.fixedRate("boom", Duration.ofMinutes(1), run -> {
                runs.add(run.scheduledFor());
                throw new IllegalStateException("no network");
            });
            advance(Duration.ofMinutes(1));
            Await.until(() -> runs.size() == 1, "the first run");
            Await.until(() -> logs.all().contains("job 'boom' failed"), "its failure logged");
            advance(Duration.ofMinutes(1));
            Await.until(() -> runs.size() == 2, "the next run, on schedule");
            // The run is counted before it throws: wait for its failure's line too, before the capture closes.
            Await.until(() -> logs.all().split("job 'boom' failed", -1).length - 1 == 2, "the second failure logged");
        }
    }

    @Test
    void invalidCronExpressionIsRefusedWithTheJobsName() {
        PluginJobs jobs = new PluginJobs("digest", restart(MissedRuns.SKIP), executor, Map::of);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> jobs.cron("broken", "61 * * * *", run -> { }));
        assertTrue(refused.getMessage().startsWith("job 'broken': invalid cron expression '61 * * * *'"),
                refused.getMessage());
    }
}
