package dev.webwxbot.api.schedule;

import java.time.Instant;
import java.util.Optional;

/** A scheduled job, for listing and cancelling. Thread-safe. */
public interface JobHandle {

    JobSpec spec();

    /** When it runs next; empty once a one-shot job ran, while a fixed-delay run is in progress, or when cancelled. */
    Optional<Instant> nextRun();

    /** Stops future runs; a run in progress finishes. Cancelling twice does nothing. */
    void cancel();

    boolean cancelled();
}
