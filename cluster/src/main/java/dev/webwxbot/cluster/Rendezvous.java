package dev.webwxbot.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Optional;

/**
 * Highest-random-weight hashing: every daemon computes, from the same inputs, the same preferred node of an account,
 * and a node joining or leaving moves only the accounts it wins or held (about 1/n of them).
 */
final class Rendezvous {

    private Rendezvous() {
    }

    /** The node of {@code nodes} with the highest weight for {@code account}; ties (never in practice) by name. */
    static Optional<String> preferred(String account, Collection<String> nodes) {
        String best = null;
        long bestWeight = 0;
        for (String node : nodes) {
            long weight = weight(account, node);
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
                    || (weight == bestWeight && node.compareTo(best) < 0)) {
                best = node;
                bestWeight = weight;
            }
        }
        return Optional.ofNullable(best);
    }

    static long weight(String account, String node) {
        try {
            // SHA-256 rather than String.hashCode: stable across JVMs and well mixed; a few per account per claim round.
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(node.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] hash = digest.digest(account.getBytes(StandardCharsets.UTF_8));
            long weight = 0;
            for (int i = 0; i < 8; i++) weight = (weight << 8) | (hash[i] & 0xff);
            return weight;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
