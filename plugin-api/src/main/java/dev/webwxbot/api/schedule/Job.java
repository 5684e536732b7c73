package dev.webwxbot.api.schedule;

/**
 * What a job does at each run. Runs on a thread of the plugin's executor, never concurrently with itself; an
 * exception is logged with the plugin's id and the job's name, and the schedule goes on.
 */
@FunctionalInterface
public interface Job {
    void run(JobContext run) throws Exception;
}
