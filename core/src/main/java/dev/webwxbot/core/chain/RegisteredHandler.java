package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Phase;
import java.util.Objects;

/**
 * A handler with the plugin it came from and the place it takes in the chain. Immutable.
 *
 * @param pluginId the owning plugin's id, used in logs and traces and to break ties
 * @param handler the extension instance
 * @param phase where it runs
 * @param priority order inside the phase, higher first
 */
public record RegisteredHandler(String pluginId, MessageHandler handler, Phase phase, int priority) {

    public RegisteredHandler {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(phase, "phase");
    }

    /** Takes the phase and priority the handler declares. */
    public static RegisteredHandler declared(String pluginId, MessageHandler handler) {
        return new RegisteredHandler(pluginId, handler, handler.phase(), handler.priority());
    }
}
