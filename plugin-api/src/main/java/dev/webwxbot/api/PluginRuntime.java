package dev.webwxbot.api;

import dev.webwxbot.api.schedule.Jobs;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * What the host gives a plugin while it is enabled ({@link MessageHandler#start}): its jobs, the accounts to act
 * through outside a handler, the time, and an executor. Everything obtained here belongs to the plugin and is
 * closed by the host when the plugin is disabled, reloaded or unloaded: jobs cancelled, the executor shut down
 * (its threads interrupted), and whatever was handed to {@link #onStop} closed. Thread-safe.
 */
public interface PluginRuntime {

    /** The plugin's id, as the operator's configuration names it. */
    String pluginId();

    /** The plugin's scheduled jobs. */
    Jobs jobs();

    /** The accounts logged in now, by id (a single-account bot has {@code "default"}), with their bots. */
    Map<String, Bot> accounts();

    /** The host's clock: use it instead of {@code Instant.now()} so tests can drive the time. */
    Clock clock();

    /** An executor owned by the plugin, for work of its own; shut down when the plugin stops. */
    ExecutorService executor();

    /** Closes {@code resource} when the plugin stops (after its jobs are cancelled), in reverse order of handing. */
    void onStop(AutoCloseable resource);
}
