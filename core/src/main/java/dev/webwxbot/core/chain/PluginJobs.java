package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.schedule.Job;
import dev.webwxbot.api.schedule.JobHandle;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.Jobs;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One plugin's view of the host's {@link JobScheduler}: what it schedules runs on its own executor and is cancelled
 * all at once when it stops. Thread-safe.
 */
final class PluginJobs implements Jobs, AutoCloseable {

    private final String pluginId;
    private final JobScheduler scheduler;
    private final ExecutorService executor;
    private final Supplier<Map<String, Bot>> accounts;
    private volatile boolean stopped;

    PluginJobs(String pluginId, JobScheduler scheduler, ExecutorService executor, Supplier<Map<String, Bot>> accounts) {
        this.pluginId = pluginId;
        this.scheduler = scheduler;
        this.executor = executor;
        this.accounts = accounts;
    }

    String pluginId() {
        return pluginId;
    }

    boolean stopped() {
        return stopped;
    }

    ExecutorService executor() {
        return executor;
    }

    Supplier<Map<String, Bot>> accounts() {
        return accounts;
    }

    @Override
    public JobHandle schedule(JobSpec spec, Job job) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(job, "job");
        return scheduler.schedule(this, spec, job);
    }

    /**
     * Schedules a job a handler asked for while handling an event of {@code account}: it belongs to that login and
     * is cancelled when the account logs out ({@link JobScheduler#cancelLogin}).
     */
    JobHandle scheduleForLogin(JobSpec spec, Job job, String account) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(job, "job");
        return scheduler.schedule(this, spec, job, java.util.Optional.of(account));
    }

    @Override
    public List<JobHandle> list() {
        return scheduler.jobsOf(this).stream().map(JobHandle.class::cast)
                .sorted(Comparator.comparing(h -> h.spec().name())).toList();
    }

    List<JobStatus> statuses() {
        return scheduler.jobsOf(this).stream().map(JobScheduler.Entry::status)
                .sorted(Comparator.comparing(JobStatus::name)).toList();
    }

    /** Cancels every job; later scheduling is refused. */
    @Override
    public void close() {
        stopped = true;
        scheduler.cancelAll(this);
    }
}
