/**
 * Scheduled jobs a plugin owns: {@link dev.webwxbot.api.schedule.Jobs} (from
 * {@link dev.webwxbot.api.PluginRuntime#jobs()} or {@link dev.webwxbot.api.HandlerContext#jobs()}), the
 * {@link dev.webwxbot.api.schedule.Schedule} kinds (cron, fixed rate, fixed delay, at, after) and what a run sees.
 * The host cancels every job of a plugin when the plugin is disabled, reloaded or unloaded.
 */
package dev.webwxbot.api.schedule;
