package dev.webwxbot.core;

import java.util.Objects;

/**
 * What a session does about identity tags, the stable ids the bot may write at the end of friends' remark names
 * ({@code "Alice #wb7k2"}) for friends the protocol gives no permanent id for. Done after each login, once the first
 * sync has brought the permanent ids, for at most {@code perLogin} friends, each write paced like a send. Immutable.
 *
 * @param mode write tags, remove the ones the bot wrote, or neither
 * @param perLogin the most remark names one login changes
 */
public record IdentityTagging(Mode mode, int perLogin) {

    /** Neither writes nor removes tags: the default. */
    public static final IdentityTagging OFF = new IdentityTagging(Mode.OFF, 1);

    /** What a login does. */
    public enum Mode {
        /** Nothing. */
        OFF,
        /** Tags friends with no permanent id and no tag yet. */
        WRITE,
        /** Takes the bot's tags off again, giving back the remark name as it was before. */
        REMOVE
    }

    public IdentityTagging {
        Objects.requireNonNull(mode, "mode");
        if (perLogin < 1) throw new IllegalArgumentException("perLogin must be at least 1, was " + perLogin);
    }
}
