package dev.webwxbot.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a daemon joins a cluster.
 *
 * @param redis the Redis server every daemon of the cluster uses, e.g. {@code redis://127.0.0.1:6379/0}
 *     ({@code rediss://} for TLS; a password as {@code redis://:secret@host:port}, never logged)
 * @param node this daemon's name in the cluster, unique among its daemons (default: host name and process id)
 * @param lease how long an account stays with a daemon that stopped renewing its lease: the bound on how long a
 *     dead daemon's accounts stay offline before another daemon takes them over (default 15 s)
 * @param keyPrefix the prefix of every Redis key of the cluster, so that several clusters can share one Redis
 *     (default {@code webwx})
 */
public record ClusterSettings(URI redis, String node, Duration lease, String keyPrefix) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    public static final String DEFAULT_PREFIX = "webwx";

    public ClusterSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (node.isBlank() || node.length() > 100 || !node.matches("[A-Za-z0-9._:@-]+")) {
            throw new IllegalArgumentException("a node name is 1–100 of A–Z a–z 0–9 . _ : @ -, not '" + node + "'");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("the lease must be at least 1s");
        if (keyPrefix.isBlank() || !keyPrefix.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("a key prefix is A–Z a–z 0–9 . _ : -, not '" + keyPrefix + "'");
        }
    }
}
