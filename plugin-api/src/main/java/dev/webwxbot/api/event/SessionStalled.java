package dev.webwxbot.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The watchdog thinks the session is a zombie: the server keeps it alive but it no longer delivers. A
 * {@link SessionRecovery} follows for each step taken to recover it.
 *
 * @param symptom what gave it away
 * @param lastDelivery when the session last received anything
 * @param explanation what was seen, in plain words
 * @param time when the watchdog noticed
 */
public record SessionStalled(Symptom symptom, Instant lastDelivery, String explanation, Instant time)
        implements SafetyEvent {
    public SessionStalled {
        Objects.requireNonNull(symptom, "symptom");
        Objects.requireNonNull(lastDelivery, "lastDelivery");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }

    /** What shows a session delivers nothing. */
    public enum Symptom {
        /** No message at all for longer than the account is ever quiet. */
        NO_MESSAGES,
        /** synccheck answers "nothing new" (selector 0) every time, for too long. */
        SELECTOR_ALWAYS_ZERO,
        /** The sync key stopped moving although the server said there was something new. */
        SYNC_KEY_FROZEN,
        /** Sends succeed but never come back through sync. */
        ECHOES_MISSING
    }
}
