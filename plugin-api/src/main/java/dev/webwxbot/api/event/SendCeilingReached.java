package dev.webwxbot.api.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The account sent as much as its global ceiling allows: every further send of any plugin is refused (its receipt
 * says why) until the window has room again. A per-chat ceiling pauses only that chat ({@link ChatPaused}).
 *
 * @param sends how many sends the window holds
 * @param window the window the ceiling counts over
 * @param until when sends are allowed again
 * @param explanation what happened, in plain words
 * @param time when the ceiling was reached
 */
public record SendCeilingReached(int sends, Duration window, Instant until, String explanation, Instant time)
        implements SafetyEvent {
    public SendCeilingReached {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }
}
