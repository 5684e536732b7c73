package dev.webwxbot.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as Redis sees it at one moment: its daemons and who holds which account.
 *
 * @param nodes every daemon whose heartbeat has not expired, by name
 * @param accounts every account any daemon runs or ran, by name, with its holder if its lease is alive
 */
public record ClusterStatus(Instant at, List<Node> nodes, List<AccountLease> accounts) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
        accounts = List.copyOf(accounts);
    }

    /**
     * One daemon.
     *
     * @param lastSeen its latest heartbeat
     * @param draining whether it is handing its accounts over and takes none
     * @param held how many account leases it holds
     */
    public record Node(String name, Instant lastSeen, boolean draining, int held) {
    }

    /**
     * One account.
     *
     * @param owner the daemon holding its lease; empty while no one does (between a death and a takeover)
     * @param leaseLeft how long the lease runs without a renewal
     * @param stateSavedAt when its session state was last written; empty when Redis holds none
     */
    public record AccountLease(String account, Optional<String> owner, Duration leaseLeft, Optional<Instant> stateSavedAt) {
    }
}
