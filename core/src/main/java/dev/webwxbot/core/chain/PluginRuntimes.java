package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.PluginRuntime;
import dev.webwxbot.api.schedule.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * What the host gives one running plugin: its {@link PluginRuntime} and the {@link PluginResources} that dispose of
 * it. Created when the plugin starts running and {@linkplain #close closed} when it stops; the next start gets a new
 * one. Thread-safe.
 */
final class PluginRuntimes implements PluginRuntime, AutoCloseable {

    /** How long a stopping plugin's threads get to end after being interrupted. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final String pluginId;
    private final Clock clock;
    private final Supplier<Map<String, Bot>> accounts;
    private final ExecutorService executor;
    private final PluginJobs jobs;
    private final PluginResources resources;
    /** The executor's threads, so a stop can wait until they have ended, not merely finished their tasks. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    PluginRuntimes(String pluginId, JobScheduler scheduler, Supplier<Map<String, Bot>> accounts) {
        this.pluginId = pluginId;
        this.clock = scheduler.settings().clock();
        this.accounts = accounts;
        // Platform threads named after the plugin, so an operator's thread dump (and a test) can tell whose they are.
        ThreadFactory named = Thread.ofPlatform().daemon().name(threadPrefix(pluginId), 1).factory();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            threads.removeIf(thread -> !thread.isAlive());
            Thread thread = named.newThread(runnable);
            threads.add(thread);
            return thread;
        });
        this.jobs = new PluginJobs(pluginId, scheduler, executor, accounts);
        this.resources = new PluginResources(pluginId);
        // Closed in reverse: jobs first (no new runs), then the executor (running ones interrupted).
        resources.add(() -> {
            JobScheduler.stop(executor, PATIENCE);
            awaitThreadsEnded();
        });
        resources.add(jobs);
    }

    /**
     * An executor is terminated once its workers have left their loop, a moment before their threads end; a stop
     * waits for the ends too, so nothing of the plugin is alive once it returns (a reload's promise, and what the
     * thread counts of its tests check).
     */
    private void awaitThreadsEnded() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) thread.join(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread-name prefix of the plugin's executor. */
    static String threadPrefix(String pluginId) {
        return "plugin-" + pluginId + "-";
    }

    PluginJobs pluginJobs() {
        return jobs;
    }

    /** Where other host services register what they hold for this plugin, to be closed when it stops. */
    PluginResources resources() {
        return resources;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public Map<String, Bot> accounts() {
        return Map.copyOf(accounts.get());
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void onStop(AutoCloseable resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
    }

    @Override
    public void close() {
        resources.close();
    }
}
