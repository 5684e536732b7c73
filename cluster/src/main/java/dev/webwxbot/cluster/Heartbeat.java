package dev.webwxbot.cluster;

import java.time.Instant;
import java.util.Optional;

/**
 * A node's heartbeat value, {@code "<started-at ms> <last-seen ms> <draining 0|1>"}, and the lease value format
 * {@code "<node> <token>"}.
 */
record Heartbeat(Instant startedAt, Instant lastSeen, boolean draining) {

    String value() {
        return startedAt.toEpochMilli() + " " + lastSeen.toEpochMilli() + " " + (draining ? 1 : 0);
    }

    static Optional<Heartbeat> parse(String value) {
        if (value == null) return Optional.empty();
        String[] parts = value.split(" ");
        try {
            return Optional.of(new Heartbeat(Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    Instant.ofEpochMilli(Long.parseLong(parts[1])), "1".equals(parts[2])));
        } catch (RuntimeException e) {
            // someone else's key under our prefix: not a node of ours
            return Optional.empty();
        }
    }

    /** The node named in a lease value. */
    static String ownerOf(String leaseValue) {
        int space = leaseValue.indexOf(' ');
        return space < 0 ? leaseValue : leaseValue.substring(0, space);
    }
}
