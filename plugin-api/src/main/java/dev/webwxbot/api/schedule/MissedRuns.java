package dev.webwxbot.api.schedule;

/**
 * What a cron job does about the runs it missed while the daemon was down (or the plugin disabled): the host
 * remembers each cron job's last run in its data folder.
 */
public enum MissedRuns {
    /** Forget them: the next run is the next time the expression names from now. */
    SKIP,
    /** Run once at start for all of them together (however many were missed), then follow the expression. */
    RUN_ONCE
}
