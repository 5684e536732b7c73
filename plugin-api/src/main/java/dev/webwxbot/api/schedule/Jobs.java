package dev.webwxbot.api.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The jobs of one plugin. Every job is cancelled when the plugin is disabled, reloaded or unloaded, so a plugin
 * schedules its recurring jobs in {@link dev.webwxbot.api.MessageHandler#start} and they come back with it.
 *
 * <pre>{@code
 * public void start(PluginRuntime runtime) {
 *     runtime.jobs().cron("morning", "0 9 * * MON-FRI", run -> run.bot().ifPresent(bot ->
 *             bot.contacts().find("Alice").ifPresent(alice -> bot.sendText(alice, "good morning"))));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @throws IllegalArgumentException from the scheduling methods for an invalid cron expression, with the reason
 * @throws IllegalStateException from the scheduling methods once the plugin was stopped
 */
public interface Jobs {

    /** Schedules {@code job}, replacing a job of the same name (and account). */
    JobHandle schedule(JobSpec spec, Job job);

    /** The jobs scheduled and not finished or cancelled, by name. */
    List<JobHandle> list();

    default JobHandle cron(String name, String expression, Job job) {
        return schedule(JobSpec.of(name, Schedule.cron(expression)), job);
    }

    default JobHandle fixedRate(String name, Duration period, Job job) {
        return schedule(JobSpec.of(name, Schedule.fixedRate(period)), job);
    }

    default JobHandle fixedDelay(String name, Duration delay, Job job) {
        return schedule(JobSpec.of(name, Schedule.fixedDelay(delay)), job);
    }

    default JobHandle at(String name, Instant when, Job job) {
        return schedule(JobSpec.of(name, Schedule.at(when)), job);
    }

    default JobHandle after(String name, Duration delay, Job job) {
        return schedule(JobSpec.of(name, Schedule.after(delay)), job);
    }
}
