package dev.webwxbot.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What a session's send governor is doing now, for a health view. Immutable.
 *
 * @param rateFraction the fraction of the configured send rate in force (1 = full speed; lower after a
 *     {@code Ret 1205} until quiet periods bring it back)
 * @param queued sends waiting for their turn, all chats together (those in flight not counted)
 * @param inFlight sends started and not yet finished (retries included)
 * @param pausedFor how much longer every send is paused after a throttle; zero when none is
 * @param throttlesInARow the throttles since the rate last recovered, which lengthen the next pause
 */
public record SendState(double rateFraction, int queued, int inFlight, Duration pausedFor, int throttlesInARow) {

    public SendState {
        Objects.requireNonNull(pausedFor, "pausedFor");
    }
}
