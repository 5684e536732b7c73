package dev.webwxbot.launcher;

import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterException;
import dev.webwxbot.cluster.ClusterStatus;
import dev.webwxbot.cluster.stream.StreamLag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code cluster status} adds for gateways and workers (docs/cluster.md, "Gateways and workers"): the workers,
 * which hold processing leases in a cluster of their own under {@code <prefix>:work}, and how far behind each
 * account's streams are.
 *
 * @param work the workers' cluster: its nodes are the workers, its leases say which worker processes which account
 * @param lags each account's waiting events and commands, by account
 */
record StreamsStatus(ClusterStatus work, Map<String, StreamLag> lags) {

    StreamsStatus {
        lags = Map.copyOf(lags);
    }

    /** Reads the workers' cluster and the streams' lag from {@code redis} without joining either. */
    static StreamsStatus read(URI redis, String keyPrefix, String shownRedis) {
        ClusterStatus work = Cluster.status(redis, workPrefix(keyPrefix));
        List<StreamLag> lags;
        try {
            lags = StreamLag.read(redis, keyPrefix);
        } catch (RuntimeException e) {
            // Lettuce's messages may quote the URI: name only what failed, never the password.
            throw new ClusterException("the streams at " + shownRedis + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new StreamsStatus(work, lags.stream().collect(Collectors.toMap(StreamLag::account, Function.identity())));
    }

    /** Where the workers hold their processing leases: a cluster of their own beside the daemons'. */
    static String workPrefix(String keyPrefix) {
        return keyPrefix + ":work";
    }

    /**
     * Whether there is anything to show: a live worker, an account a worker processes, or an entry waiting in a
     * stream. A cluster whose daemons run the chain themselves ({@code --role both}) has none of them, and its status
     * reads as it always did.
     */
    boolean shown() {
        return !work.nodes().isEmpty()
                || work.accounts().stream().anyMatch(lease -> lease.owner().isPresent())
                || lags.values().stream().anyMatch(lag -> lag.events() > 0 || lag.commands() > 0);
    }

    /** The worker holding {@code account}'s processing lease; empty while none does. */
    Optional<String> worker(String account) {
        return work.accounts().stream().filter(lease -> lease.account().equals(account)).findFirst()
                .flatMap(ClusterStatus.AccountLease::owner);
    }

    /** The account's events no worker has finished yet (0 when it has no stream). */
    long eventsWaiting(String account) {
        StreamLag lag = lags.get(account);
        return lag == null ? 0 : lag.events();
    }

    /** The account's commands no gateway has carried out yet (0 when it has no stream). */
    long commandsWaiting(String account) {
        StreamLag lag = lags.get(account);
        return lag == null ? 0 : lag.commands();
    }

    /** A waiting count as the table shows it: {@code 10000+} once it reaches what {@link StreamLag} counts. */
    static String count(long waiting) {
        return waiting >= StreamLag.COUNTED ? StreamLag.COUNTED + "+" : Long.toString(waiting);
    }
}
