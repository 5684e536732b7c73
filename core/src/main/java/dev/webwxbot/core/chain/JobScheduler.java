package dev.webwxbot.core.chain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.schedule.Job;
import dev.webwxbot.api.schedule.JobContext;
import dev.webwxbot.api.schedule.JobHandle;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.api.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's one timer for every plugin's jobs: a single daemon thread that wakes when the earliest job is due (at
 * least every second, so a clock that jumps, as a test's does, is noticed) and hands due runs to the owning plugin's
 * executor. All time comes from {@link JobSettings#clock()}. A run still going when its next time comes is not
 * started twice: that time is skipped. Thread-safe.
 */
final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    private final JobSettings settings;
    private final JobStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Entry> entries = new ArrayList<>();
    private final Thread ticker;
    /** Runs started and not yet ended, one-shots included (they leave {@link #entries} when they start). */
    private int runsGoing;
    private boolean closed;

    JobScheduler(JobSettings settings) {
        this.settings = settings;
        this.store = new JobStore(settings.stateFile());
        this.ticker = Thread.ofPlatform().daemon().name("webwx-jobs").start(this::loop);
    }

    JobSettings settings() {
        return settings;
    }

    /** Runs whatever is due at the clock's current time now, instead of within a second (after a test moved it). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing is due at the clock's current time and no run is going, or {@code patience} passed: after
     * a test moved a manual clock and {@link #wake woke} the scheduler, so the runs the move made due have ended when
     * it goes on.
     *
     * @return whether it settled within {@code patience}
     */
    boolean awaitSettled(Duration patience) throws InterruptedException {
        long left = patience.toNanos();
        lock.lock();
        try {
            changed.signalAll();
            while (!closed && (runsGoing > 0 || anyDue(settings.clock().instant()))) {
                if (left <= 0) return false;
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean anyDue(Instant now) {
        return entries.stream().anyMatch(entry -> entry.next != null && !entry.next.isAfter(now));
    }

    Entry schedule(PluginJobs owner, JobSpec spec, Job job) {
        return schedule(owner, spec, job, Optional.empty());
    }

    /**
     * Schedules {@code job}; with {@code login}, as part of that account's current login (a handler scheduled it
     * while handling one of the account's events), so {@link #cancelLogin} ends it when the account logs out.
     */
    Entry schedule(PluginJobs owner, JobSpec spec, Job job, Optional<String> login) {
        Optional<ExecutionTime> cron = Optional.empty();
        ZoneId zone = settings.zone();
        if (spec.schedule() instanceof Schedule.Cron c) {
            zone = c.zone().orElse(zone);
            try {
                cron = Optional.of(ExecutionTime.forCron(UNIX_CRON.parse(c.expression()).validate()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("job '" + spec.name() + "': invalid cron expression '"
                        + c.expression() + "': " + e.getMessage(), e);
            }
        }
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the job scheduler is closed");
            if (owner.stopped()) {
                throw new IllegalStateException("plugin '" + owner.pluginId() + "' is stopped; it cannot schedule jobs");
            }
            Instant now = settings.clock().instant();
            String key = JobStore.key(owner.pluginId(), spec.account(), spec.name());
            Entry entry = new Entry(owner, spec, job, cron, zone, key, login);
            entry.next = first(entry, now);
            entries.removeIf(e -> {
                boolean same = e.owner == owner && e.spec.name().equals(spec.name())
                        && e.spec.account().equals(spec.account());
                if (same) e.cancelled = true;
                return same;
            });
            entries.add(entry);
            changed.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every job of {@code owner}; returns how many there were. */
    int cancelAll(PluginJobs owner) {
        lock.lock();
        try {
            int before = entries.size();
            entries.removeIf(e -> {
                if (e.owner == owner) e.cancelled = true;
                return e.owner == owner;
            });
            return before - entries.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels every job scheduled as part of {@code account}'s login, of every plugin: the account logged out, and
     * what those jobs hold (its chats' session names) means nothing to its next login. Returns how many there were.
     */
    int cancelLogin(String account) {
        lock.lock();
        try {
            int before = entries.size();
            entries.removeIf(e -> {
                boolean ofLogin = e.login.filter(account::equals).isPresent();
                if (ofLogin) e.cancelled = true;
                return ofLogin;
            });
            return before - entries.size();
        } finally {
            lock.unlock();
        }
    }

    List<Entry> jobsOf(PluginJobs owner) {
        lock.lock();
        try {
            return entries.stream().filter(e -> e.owner == owner).toList();
        } finally {
            lock.unlock();
        }
    }

    /** How many jobs are scheduled, all plugins together. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            entries.forEach(e -> e.cancelled = true);
            entries.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            ticker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first due time; for a cron job, a run missed while the daemon was down when the policy says so. */
    private Instant first(Entry entry, Instant now) {
        Schedule schedule = entry.spec.schedule();
        return switch (schedule) {
            case Schedule.Cron c -> {
                Optional<Instant> last = store.lastRun(entry.key);
                MissedRuns policy = entry.spec.missedRuns().orElse(settings.missedRuns());
                if (last.isEmpty()) store.ran(entry.key, now); // "scheduled since": a later restart can see misses
                if (policy == MissedRuns.RUN_ONCE && last.isPresent()) {
                    Optional<Instant> missed = entry.after(last.get());
                    if (missed.isPresent() && !missed.get().isAfter(now)) yield missed.get();
                }
                yield entry.after(now).orElse(null);
            }
            case Schedule.FixedRate r -> now.plus(r.period());
            case Schedule.FixedDelay d -> now.plus(d.delay());
            case Schedule.At at -> at.when();
            case Schedule.After after -> now.plus(after.delay());
        };
    }

    private void loop() {
        lock.lock();
        try {
            while (!closed) {
                Instant now = settings.clock().instant();
                Instant earliest = null;
                for (Entry entry : List.copyOf(entries)) {
                    if (entry.next != null && !entry.next.isAfter(now)) fire(entry, now);
                    if (entry.next != null && (earliest == null || entry.next.isBefore(earliest))) earliest = entry.next;
                }
                Duration nap = earliest == null ? MAX_NAP : Duration.between(now, earliest);
                if (nap.compareTo(MAX_NAP) > 0) nap = MAX_NAP;
                if (!nap.isNegative() && !nap.isZero()) changed.awaitNanos(nap.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Starts one run of a due job (under the lock) and works out its next time. */
    private void fire(Entry entry, Instant now) {
        Instant due = entry.next;
        switch (entry.spec.schedule()) {
            case Schedule.Cron c -> {
                entry.next = entry.after(now).orElse(null);
                // Now, not the due time: a catch-up run covers every missed time up to now, and a restart right
                // after it must not catch up again.
                store.ran(entry.key, now);
            }
            case Schedule.FixedRate r -> {
                Instant next = due.plus(r.period());
                while (!next.isAfter(now)) next = next.plus(r.period());
                entry.next = next;
            }
            case Schedule.FixedDelay d -> entry.next = null;
            case Schedule.At at -> entry.next = null;
            case Schedule.After after -> entry.next = null;
        }
        if (entry.next == null && !(entry.spec.schedule() instanceof Schedule.FixedDelay)) entries.remove(entry);
        if (entry.running) {
            log.info("plugin '{}': job '{}' due at {} skipped: its previous run is still going", entry.owner.pluginId(),
                    entry.spec.name(), due);
            return;
        }
        entry.running = true;
        runsGoing++;
        try {
            entry.owner.executor().execute(() -> run(entry, due));
        } catch (RejectedExecutionException e) {
            entry.running = false; // the plugin is stopping; its jobs are being cancelled
            runsGoing--;
        }
    }

    private void run(Entry entry, Instant due) {
        try {
            entry.job.run(new Run(entry, due));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            log.warn("plugin '{}': job '{}' failed: {}", entry.owner.pluginId(), entry.spec.name(), e.toString(), e);
        } finally {
            lock.lock();
            try {
                entry.running = false;
                runsGoing--;
                if (entry.spec.schedule() instanceof Schedule.FixedDelay d && !entry.cancelled) {
                    entry.next = settings.clock().instant().plus(d.delay());
                }
                changed.signalAll(); // the loop for a fixed delay's next time, awaitSettled for the end of a run
            } finally {
                lock.unlock();
            }
        }
    }

    /** A scheduled job; its mutable fields are guarded by the scheduler's lock. */
    final class Entry implements JobHandle {
        final PluginJobs owner;
        final JobSpec spec;
        final Job job;
        final Optional<ExecutionTime> cron;
        final ZoneId zone;
        final String key;
        /** The account whose login the job belongs to; empty for a job of the plugin's lifetime. */
        final Optional<String> login;
        Instant next;
        boolean running;
        boolean cancelled;

        Entry(PluginJobs owner, JobSpec spec, Job job, Optional<ExecutionTime> cron, ZoneId zone, String key,
              Optional<String> login) {
            this.owner = owner;
            this.login = login;
            this.spec = spec;
            this.job = job;
            this.cron = cron;
            this.zone = zone;
            this.key = key;
        }

        /** The cron job's first time strictly after {@code time}. */
        Optional<Instant> after(Instant time) {
            return cron.flatMap(c -> c.nextExecution(ZonedDateTime.ofInstant(time, zone))).map(ZonedDateTime::toInstant);
        }

        @Override
        public JobSpec spec() {
            return spec;
        }

        @Override
        public Optional<Instant> nextRun() {
            lock.lock();
            try {
                return cancelled ? Optional.empty() : Optional.ofNullable(next);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                entries.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean cancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }

        JobStatus status() {
            String schedule = switch (spec.schedule()) {
                case Schedule.Cron c -> "cron \"" + c.expression() + "\" " + zone;
                case Schedule.FixedRate r -> "every " + r.period();
                case Schedule.FixedDelay d -> d.delay() + " after each run";
                case Schedule.At at -> "once at " + at.when();
                case Schedule.After after -> "once after " + after.delay();
            };
            return new JobStatus(spec.name(), spec.account().orElse(""), schedule, nextRun());
        }
    }

    /** What one run sees. */
    private static final class Run implements JobContext {
        private final Entry entry;
        private final Instant due;

        Run(Entry entry, Instant due) {
            this.entry = entry;
            this.due = due;
        }

        @Override
        public String name() {
            return entry.spec.name();
        }

        @Override
        public Instant scheduledFor() {
            return due;
        }

        @Override
        public Optional<Bot> bot() {
            Map<String, Bot> online = entry.owner.accounts().get();
            if (entry.spec.account().isPresent()) return Optional.ofNullable(online.get(entry.spec.account().get()));
            return online.size() == 1 ? Optional.of(online.values().iterator().next()) : Optional.empty();
        }
    }

    /** Shuts a plugin's executor down, interrupting its threads, and waits for them a bounded time. */
    static void stop(ExecutorService executor, Duration patience) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("a plugin executor still has threads running {} after being stopped", patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
