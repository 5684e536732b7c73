package dev.webwxbot.server;

import java.util.Locale;

/**
 * What a daemon of a cluster does ({@code webwx-bot run --role}): hold sessions, run plugins, or both. Without a
 * cluster a daemon is always {@link #BOTH}.
 */
public enum DaemonRole {
    /**
     * Holds the accounts' sessions and publishes their events to Redis Streams; loads no plugin. The chain runs on
     * the workers, whose sends come back to be sent from here.
     */
    GATEWAY,
    /** Runs the plugin chain for the accounts whose processing lease it holds, answering through their gateways. */
    WORKER,
    /** Holds sessions and runs the chain in the same process, with no stream between them (the default). */
    BOTH;

    /** The role named {@code name} ({@code gateway}, {@code worker}, {@code both}), as the command line gives it. */
    public static DaemonRole named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no role '" + name + "': gateway, worker or both");
        }
    }
}
