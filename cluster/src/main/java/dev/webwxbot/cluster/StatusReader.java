package dev.webwxbot.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link ClusterStatus} from Redis: the heartbeats of the known nodes, and every account's lease and state. */
final class StatusReader {

    private StatusReader() {
    }

    static ClusterStatus read(RedisLink redis, Keys keys, Clock clock) {
        Instant at = clock.instant();
        Set<String> names = sorted(redis.call(c -> c.smembers(keys.nodes())));
        Set<String> accounts = sorted(redis.call(c -> c.smembers(keys.accounts())));
        List<ClusterStatus.AccountLease> leases = new ArrayList<>();
        Map<String, Integer> held = new HashMap<>();
        for (String account : accounts) {
            String value = redis.call(c -> c.get(keys.lease(account)));
            Long pttl = value == null ? null : redis.call(c -> c.pttl(keys.lease(account)));
            String savedAt = redis.call(c -> c.get(keys.savedAt(account)));
            Optional<String> owner = Optional.ofNullable(value).map(Heartbeat::ownerOf);
            owner.ifPresent(node -> held.merge(node, 1, Integer::sum));
            Duration left = pttl == null || pttl < 0 ? Duration.ZERO : Duration.ofMillis(pttl);
            leases.add(new ClusterStatus.AccountLease(account, owner, left,
                    Optional.ofNullable(savedAt).flatMap(StatusReader::millis)));
        }
        List<ClusterStatus.Node> nodes = new ArrayList<>();
        for (String name : names) {
            Heartbeat.parse(redis.call(c -> c.get(keys.node(name)))).ifPresent(beat -> nodes.add(
                    new ClusterStatus.Node(name, beat.lastSeen(), beat.draining(), held.getOrDefault(name, 0))));
        }
        return new ClusterStatus(at, nodes, leases);
    }

    private static Set<String> sorted(Set<String> members) {
        return new TreeSet<>(members);
    }

    private static Optional<Instant> millis(String text) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
