package dev.webwxbot.api;

import java.util.Objects;

/** A plugin's configuration is missing a key or has a bad value; the message names the key. */
public final class InvalidSettingsException extends RuntimeException {

    private final String key;

    public InvalidSettingsException(String key, String problem) {
        super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(problem, "problem"));
        this.key = key;
    }

    /** The full key, such as {@code plugins.auto-reply.rules.0.pattern}. */
    public String key() {
        return key;
    }
}
