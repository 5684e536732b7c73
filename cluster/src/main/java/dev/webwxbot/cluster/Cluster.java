package dev.webwxbot.cluster;

import dev.webwxbot.cluster.stream.StreamLag;
import dev.webwxbot.core.SessionStateStorage;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.function.LongSupplier;

/**
 * This daemon's membership of a cluster.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.join(settings, owner)) {   // close() hands every account over
 *     cluster.run(Set.of("alice", "bob"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Joining registers a heartbeat; {@link #run} names the accounts the daemon may hold, and from then on it claims
 * those no live daemon holds (spread over the live daemons by rendezvous hashing, so that daemons started together
 * share the accounts), renews the leases it holds, and calls its {@link AccountOwner} as it gains and loses them.
 * A lease it cannot renew in time is given up (the owner told {@code LOST}) before it expires, so two daemons never
 * run one account. Thread-safe.
 */
public final class Cluster implements AutoCloseable {

    /** How long the CLI's one-off calls ({@link #status(URI, String)}, {@link #requestDrain}) wait for Redis. */
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(5);
    /** A drain request not noticed by then (its daemon is gone) is dropped by Redis. */
    private static final Duration DRAIN_REQUEST_TTL = Duration.ofDays(1);

    private final Member member;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Cluster(Member member) {
        this.member = member;
    }

    /**
     * Joins the cluster as {@code settings.node()}. Fails with {@link ClusterException} when Redis cannot be reached
     * or another live daemon already uses that node name. A heartbeat found under the name that stops beating (this
     * daemon's own, before a crash) is waited out: the join then takes up to one lease.
     */
    public static Cluster join(ClusterSettings settings, AccountOwner owner) {
        return join(settings, owner, Clock.systemUTC(), System::nanoTime);
    }

    /** This daemon's node name. */
    public String node() {
        return member.node();
    }

    /**
     * The accounts this daemon may hold, replacing the earlier set: it starts claiming the new ones, and hands over
     * (owner told {@code REMOVED}) those it holds that are no longer named.
     */
    public void run(Set<String> accounts) {
        member.run(accounts);
    }

    /** The accounts this daemon holds now. */
    public Set<String> held() {
        return member.held();
    }

    /**
     * The accounts this node holds that rendezvous hashing over the live, non-draining nodes now gives to another
     * node (one that joined since). Daemons never move an account for balance (a session's move costs a reconnect);
     * workers do (a processing lease's move costs nothing but the conversations waiting there), by running without
     * these for a round: each is handed over, and its preferred node claims it at once.
     */
    public Set<String> preferredElsewhere() {
        Set<String> live = status().nodes().stream().filter(node -> !node.draining()).map(ClusterStatus.Node::name)
                .collect(Collectors.toSet());
        live.add(node());
        return held().stream().filter(account -> !Rendezvous.preferred(account, live).orElseThrow().equals(node()))
                .collect(Collectors.toSet());
    }

    /** Whether this daemon is draining: it hands its accounts over and claims none. */
    public boolean draining() {
        return member.draining();
    }

    /**
     * Drains this daemon: stops claiming, stops each held account's session ({@code HANDED_OVER}) and deletes its
     * lease so that another daemon takes it over at once. Returns once it holds nothing.
     */
    public void drain() {
        member.drain();
    }

    /** The cluster as Redis sees it now. */
    public ClusterStatus status() {
        try {
            return StatusReader.read(member.redis, member.keys, member.clock);
        } catch (RedisLink.RedisDown e) {
            throw new ClusterException("Redis at " + member.redis.where() + " cannot be reached", e);
        }
    }

    /** The cluster's status read from {@code redis} without joining (the CLI's {@code cluster status}). */
    public static ClusterStatus status(URI redis, String keyPrefix) {
        try (RedisLink link = new RedisLink(redis, CLI_TIMEOUT, Duration.ZERO)) {
            return StatusReader.read(link, new Keys(keyPrefix), Clock.systemUTC());
        } catch (RedisLink.RedisDown e) {
            throw new ClusterException("Redis at " + RedisLink.safe(redis) + " cannot be reached", e);
        }
    }

    /**
     * Asks the daemon named {@code node} to drain (the CLI's {@code cluster drain}); it notices within a heartbeat.
     * Fails with {@link ClusterException} when no live daemon has that name.
     */
    public static void requestDrain(URI redis, String keyPrefix, String node) {
        Keys keys = new Keys(keyPrefix);
        try (RedisLink link = new RedisLink(redis, CLI_TIMEOUT, Duration.ZERO)) {
            if (link.call(c -> c.exists(keys.node(node))) == 0) {
                throw new ClusterException("no live daemon of the cluster is named '" + node + "'");
            }
            link.call(c -> c.set(keys.drain(node), "1", SetArgs.Builder.px(DRAIN_REQUEST_TTL.toMillis())));
        } catch (RedisLink.RedisDown e) {
            throw new ClusterException("Redis at " + RedisLink.safe(redis) + " cannot be reached", e);
        }
    }

    /**
     * Deletes what Redis keeps of {@code account} (its session state, its place in the cluster's list), for an account
     * removed from every daemon's configuration for good (the CLI's {@code cluster forget}). Refused with
     * {@link ClusterException} while a daemon holds its lease. Returns whether Redis kept anything of it.
     */
    public static boolean forget(URI redis, String keyPrefix, String account) {
        Keys keys = new Keys(keyPrefix);
        List<String> touched = new java.util.ArrayList<>(List.of(keys.lease(account), keys.accounts(),
                keys.snapshot(account), keys.savedAt(account), keys.log(account, SessionStateStorage.INBOX),
                keys.log(account, SessionStateStorage.OUTBOX)));
        touched.addAll(StreamLag.keys(keyPrefix, account)); // its gateways' and workers' streams, if any
        try (RedisLink link = new RedisLink(redis, CLI_TIMEOUT, Duration.ZERO)) {
            boolean listed = link.call(c -> c.sismember(keys.accounts(), account));
            long deleted = link.call(c -> c.<Long>eval(Scripts.FORGET, ScriptOutputType.INTEGER,
                    touched.toArray(String[]::new), account));
            if (deleted < 0) {
                throw new ClusterException("account '" + account + "' is held by a daemon of the cluster: remove it from "
                        + "every daemon's configuration first (its lease then ends), then forget it");
            }
            return listed || deleted > 0;
        } catch (RedisLink.RedisDown e) {
            throw new ClusterException("Redis at " + RedisLink.safe(redis) + " cannot be reached", e);
        }
    }

    /** Hands every held account over as {@link #drain} does, then leaves the cluster and lets go of Redis. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            member.drain();
            member.leave();
        } finally {
            member.redis.close();
        }
    }

    /** {@link #join(ClusterSettings, AccountOwner)} with the time sources a test controls. */
    static Cluster join(ClusterSettings settings, AccountOwner owner, Clock clock, LongSupplier ticker) {
        // The watchdog gives leases up on time however long a call blocks, so the timeout only bounds how late an
        // outage is noticed: a third of the lease, and not below a second (a cold JVM's first connection is slow).
        Duration third = settings.lease().dividedBy(3);
        Duration timeout = third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : third;
        RedisLink redis = new RedisLink(settings.redis(), timeout, settings.lease().dividedBy(6));
        try {
            redis.call(c -> c.ping());
            Member member = new Member(settings, owner, redis, clock, ticker);
            member.start();
            return new Cluster(member);
        } catch (RedisLink.RedisDown e) {
            redis.close();
            throw new ClusterException("Redis at " + redis.where() + " cannot be reached", e);
        } catch (RuntimeException e) {
            redis.close();
            if (e instanceof ClusterException) throw e;
            // Redis answered with an error (e.g. a wrong password): its reply names no secret
            throw new ClusterException("Redis at " + redis.where() + " refused the node: " + e.getMessage(), e);
        }
    }

    /** Test hook: from this node's side Redis is unreachable (true) or reachable again (false). */
    void cutOffFromRedis(boolean cutOff) {
        member.redis.cutOff(cutOff);
    }
}
