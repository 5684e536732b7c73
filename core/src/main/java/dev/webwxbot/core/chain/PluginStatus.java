package dev.webwxbot.core.chain;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One plugin as the host sees it, for {@code plugins list}. Immutable.
 *
 * @param id the plugin's id (for a jar that failed to load before PF4J read an id, the jar's file name)
 * @param version the version its manifest declares; empty when unknown
 * @param state whether it runs, and if not, why
 * @param reason the explanation for a state other than {@link State#ACTIVE}; empty otherwise
 * @param handlers how many handlers it contributes to the chain
 * @param handled events its handlers were called for
 * @param failures handler calls that threw
 * @param timeouts handler calls that exceeded their time budget
 * @param warning what is wrong although the plugin is in the chain: what its handlers reported
 *     ({@link dev.webwxbot.api.MessageHandler#warning}, e.g. "running previous rules: ..."), or that the last edit of
 *     the configuration was refused and the previous one still runs; empty otherwise
 * @param jobs its scheduled jobs with their next run, by name; empty while it does not run
 */
public record PluginStatus(String id, String version, State state, String reason, int handlers, long handled,
                           long failures, long timeouts, String warning, List<JobStatus> jobs) {

    public PluginStatus {
        Objects.requireNonNull(id, "id");
        version = Objects.requireNonNullElse(version, "");
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
        warning = Objects.requireNonNullElse(warning, "");
        jobs = List.copyOf(jobs);
    }

    /** Without jobs. */
    public PluginStatus(String id, String version, State state, String reason, int handlers, long handled,
                        long failures, long timeouts, String warning) {
        this(id, version, state, reason, handlers, handled, failures, timeouts, warning, List.of());
    }

    /** Without a warning. */
    public PluginStatus(String id, String version, State state, String reason, int handlers, long handled,
                        long failures, long timeouts) {
        this(id, version, state, reason, handlers, handled, failures, timeouts, "");
    }

    /** Whether and why a plugin runs. */
    public enum State {
        /** In the chain. */
        ACTIVE,
        /** Disabled by the operator at run time ({@code plugins disable}). */
        DISABLED,
        /** {@code enabled = false} in its configuration block. */
        DISABLED_BY_CONFIG,
        /** Its configuration block is invalid; {@code reason} names the key. */
        MISCONFIGURED,
        /** Disabled by its circuit breaker after repeated failures. */
        TRIPPED,
        /** Its jar could not be loaded or started. */
        FAILED_TO_LOAD
    }

    /** One line for a terminal (more when a reason or warning spans lines), then one indented line per job. */
    public String describe() {
        String why = reason.isEmpty() ? warning : warning.isEmpty() ? reason : reason + "; " + warning;
        return id + (version.isEmpty() ? "" : " " + version) + ": " + state
                + (why.isEmpty() ? "" : " (" + why + ")")
                + " — " + handlers + " handler" + (handlers == 1 ? "" : "s") + ", " + handled + " handled, "
                + failures + " failed, " + timeouts + " timed out"
                + jobs.stream().map(job -> "\n  " + job.describe()).collect(Collectors.joining());
    }
}
