package dev.webwxbot.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A plugin's configuration is missing a key or has a bad value. The message names the file and line when known,
 * then the key and the problem: {@code config/auto-reply.conf:12: plugins.auto-reply.media-dir: is not a valid path}.
 */
public final class InvalidSettingsException extends RuntimeException {

    private final String key;
    private final String problem;
    private final String origin;

    public InvalidSettingsException(String key, String problem) {
        this(key, problem, Optional.empty());
    }

    /**
     * @param origin where the operator set the key, such as {@code config/auto-reply.conf:12}; empty when unknown
     */
    public InvalidSettingsException(String key, String problem, Optional<String> origin) {
        super(origin.map(where -> where + ": ").orElse("") + Objects.requireNonNull(key, "key") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.key = key;
        this.problem = problem;
        this.origin = origin.orElse(null);
    }

    /** The full key, such as {@code plugins.auto-reply.rules.0.pattern}. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key or the origin: {@code must not be negative}. */
    public String problem() {
        return problem;
    }

    /** Where the operator set the key ({@code file:line}); empty when unknown, e.g. for a value built in code. */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }
}
