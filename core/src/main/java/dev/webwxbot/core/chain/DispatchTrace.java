package dev.webwxbot.core.chain;

import dev.webwxbot.api.event.BotEvent;
import java.time.Duration;
import java.util.List;

/**
 * What the chain did with one event: which handlers saw it, what each decided, and how long each took; the answer
 * to "why did (or didn't) the bot reply?". Immutable.
 */
public record DispatchTrace(BotEvent event, List<Step> steps) {

    public DispatchTrace {
        steps = List.copyOf(steps);
    }

    /** One handler's turn. */
    public record Step(String pluginId, String handler, Result result, int replies, Duration took) {
    }

    /** How a handler's turn ended. */
    public enum Result { CONTINUED, STOPPED, FAILED }

    /** Whether any handler replied or sent something. */
    public boolean replied() {
        return steps.stream().anyMatch(step -> step.replies() > 0);
    }
}
