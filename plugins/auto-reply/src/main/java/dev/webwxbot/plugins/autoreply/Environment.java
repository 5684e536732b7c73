package dev.webwxbot.plugins.autoreply;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code {env:NAME}} placeholders and {@code api-key-env} take their values: the process environment in the
 * bot, a map in tests (so no test needs, or leaks, a real variable).
 */
@FunctionalInterface
interface Environment {

    /** The bot's own environment variables. */
    Environment SYSTEM = name -> Optional.ofNullable(System.getenv(name));

    /** The value of variable {@code name}, empty when it is not set. */
    Optional<String> variable(String name);

    static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
