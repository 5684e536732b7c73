package dev.webwxbot.cluster;

import java.net.URI;
import java.util.Set;

/**
 * This daemon's membership of a cluster (CONTRACT: bodies filled in by the cluster implementation).
 *
 * <p>Joining registers a heartbeat; {@link #run} names the accounts the daemon may hold, and from then on it claims
 * those no live daemon holds (spread over the live daemons by rendezvous hashing, so that daemons started together
 * share the accounts), renews the leases it holds, and calls its {@link AccountOwner} as it gains and loses them.
 * A lease it cannot renew in time is given up (the owner told {@code LOST}) before it expires, so two daemons never
 * run one account. Thread-safe.
 */
public final class Cluster implements AutoCloseable {

    private Cluster() {
    }

    /**
     * Joins the cluster as {@code settings.node()}. Fails with {@link ClusterException} when Redis cannot be reached
     * or another live daemon already uses that node name.
     */
    public static Cluster join(ClusterSettings settings, AccountOwner owner) {
        throw new UnsupportedOperationException("contract");
    }

    /** This daemon's node name. */
    public String node() {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * The accounts this daemon may hold, replacing the earlier set: it starts claiming the new ones, and hands over
     * (owner told {@code REMOVED}) those it holds that are no longer named.
     */
    public void run(Set<String> accounts) {
        throw new UnsupportedOperationException("contract");
    }

    /** The accounts this daemon holds now. */
    public Set<String> held() {
        throw new UnsupportedOperationException("contract");
    }

    /** Whether this daemon is draining: it hands its accounts over and claims none. */
    public boolean draining() {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * Drains this daemon: stops claiming, stops each held account's session ({@code HANDED_OVER}) and deletes its
     * lease so that another daemon takes it over at once. Returns once it holds nothing.
     */
    public void drain() {
        throw new UnsupportedOperationException("contract");
    }

    /** The cluster as Redis sees it now. */
    public ClusterStatus status() {
        throw new UnsupportedOperationException("contract");
    }

    /** The cluster's status read from {@code redis} without joining (the CLI's {@code cluster status}). */
    public static ClusterStatus status(URI redis, String keyPrefix) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * Asks the daemon named {@code node} to drain (the CLI's {@code cluster drain}); it notices within a heartbeat.
     * Fails with {@link ClusterException} when no live daemon has that name.
     */
    public static void requestDrain(URI redis, String keyPrefix, String node) {
        throw new UnsupportedOperationException("contract");
    }

    /** Hands every held account over as {@link #drain} does, then leaves the cluster and lets go of Redis. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("contract");
    }
}
