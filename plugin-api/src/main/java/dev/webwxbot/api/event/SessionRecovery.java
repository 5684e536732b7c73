package dev.webwxbot.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of the watchdog's recovery of a session it found stalled ({@link SessionStalled}).
 *
 * @param step the step
 * @param explanation what was done and what came of it, in plain words
 * @param time when
 */
public record SessionRecovery(Step step, String explanation, Instant time) implements SafetyEvent {
    public SessionRecovery {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }

    /** The steps, in the order they can happen. */
    public enum Step {
        /** A probe message went to the file helper, to see whether it comes back through sync. */
        PROBE_SENT,
        /** The probe came back: the session works after all. */
        PROBE_RETURNED,
        /** The probe did not come back in time. */
        PROBE_LOST,
        /** The session was initialised again (webwxinit) and delivers again. */
        REINITIALISED,
        /** Initialising again did not help; a fresh login was started (within the login-churn guard's limits). */
        RELOGIN_STARTED,
        /** The session delivers again. */
        RECOVERED,
        /** Recovery failed; the session was ended. */
        GAVE_UP
    }
}
