package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final String PREFIX = "t";
    private static final Set<String> TEN = IntStream.range(0, 10).mapToObj(i -> "acc" + i)
            .collect(Collectors.toCollection(TreeSet::new));

    private final RecordingOwner.World world = new RecordingOwner.World();
    private final List<Cluster> clusters = new ArrayList<>();
    private RedisProcess redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() {
        clusters.forEach(Cluster::close);
        if (redis != null) redis.close();
        assertEquals(List.of(), world.violations(), "an account was run twice at once");
    }

    private ClusterSettings settings(String node) {
        return new ClusterSettings(redis.uri(), node, LEASE, PREFIX);
    }

    private Cluster join(String node, RecordingOwner owner) {
        Cluster cluster = Cluster.join(settings(node), owner);
        clusters.add(cluster);
        return cluster;
    }

    private RecordingOwner owner(String node) {
        return new RecordingOwner(node, world);
    }

    private int started() {
        return world.started().size();
    }

    private static Set<String> preferredBy(String node, Set<String> accounts, List<String> nodes) {
        return accounts.stream().filter(a -> Rendezvous.preferred(a, nodes).orElseThrow().equals(node))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(Cluster a, Cluster b) {
        Set<String> all = new TreeSet<>(a.held());
        all.addAll(b.held());
        return all;
    }

    @Test
    void twoNodesStartedTogetherShareTheAccountsByRendezvous() {
        RecordingOwner ownerA = owner("a");
        RecordingOwner ownerB = owner("b");
        Cluster a = join("a", ownerA);
        Cluster b = join("b", ownerB);
        a.run(TEN);
        b.run(TEN);

        Await.until(() -> union(a, b).equals(TEN), () -> "all ten held: a " + a.held() + ", b " + b.held());
        assertEquals(preferredBy("a", TEN, List.of("a", "b")), new TreeSet<>(a.held()));
        assertEquals(preferredBy("b", TEN, List.of("a", "b")), new TreeSet<>(b.held()));
        assertFalse(a.held().isEmpty() || b.held().isEmpty(), "rendezvous gives each some of ten");
        Await.until(() -> world.started().keySet().equals(TEN), "the owners started all ten");
        assertEquals(new TreeSet<>(a.held()), new TreeSet<>(ownerA.accounts("acquired")));
    }

    @Test
    void closingANodeHandsItsAccountsToTheOtherPromptly() {
        RecordingOwner ownerA = owner("a");
        RecordingOwner ownerB = owner("b");
        Cluster a = join("a", ownerA);
        Cluster b = join("b", ownerB);
        a.run(TEN);
        b.run(TEN);
        Await.until(() -> union(a, b).equals(TEN) && started() == 10, "all ten running");
        Set<String> fromA = new TreeSet<>(a.held());

        long closing = System.nanoTime();
        a.close();
        assertEquals(List.copyOf(fromA), ownerA.accounts("HANDED_OVER"));
        assertTrue(a.held().isEmpty());
        Await.until(() -> b.held().equals(TEN) && ownerB.accounts("acquired").size() == 10,
                () -> "b holds all: " + b.held());
        Duration took = Duration.ofNanos(System.nanoTime() - closing);
        assertTrue(took.compareTo(LEASE) < 0, "handed over in " + took + ", sooner than a lease expiry");
        for (String account : fromA) {
            assertEquals(Optional.of("{\"by\":\"a\"}"), ownerB.foundSnapshots.get(account),
                    "b resumed " + account + " from what a saved");
        }
    }

    @Test
    void aNodeCutOffFromRedisGivesItsAccountsUpBeforeTheyExpireAndTheOtherTakesThemOver() throws Exception {
        RecordingOwner ownerA = owner("a");
        RecordingOwner ownerB = owner("b");
        Cluster a = join("a", ownerA);
        Cluster b = join("b", ownerB);
        a.run(TEN);
        b.run(TEN);
        Await.until(() -> union(a, b).equals(TEN) && started() == 10, "all ten running");
        Set<String> fromA = new TreeSet<>(a.held());
        Keys keys = new Keys(PREFIX);
        List<String> atRelease = new CopyOnWriteArrayList<>();
        ownerA.onReleased = (account, why) -> {
            try {
                String heldByA = redis.command("EVAL", "return string.sub(redis.call('GET', KEYS[1]) or '', 1, 2) == 'a '"
                        + " and 1 or 0", "1", keys.lease(account));
                long pttl = Long.parseLong(redis.command("PTTL", keys.lease(account)).substring(1));
                atRelease.add(account + " " + why + " " + (pttl > 0) + " " + heldByA.equals(":1"));
            } catch (Exception e) {
                atRelease.add(account + " " + e);
            }
        };

        try (CapturedLogs logs = CapturedLogs.attach()) {
            long cut = System.nanoTime();
            a.cutOffFromRedis(true);
            Await.until(() -> b.held().equals(TEN) && started() == 10, () -> "b holds all: " + b.held());
            Duration took = Duration.ofNanos(System.nanoTime() - cut);
            Duration bound = LEASE.plus(LEASE.dividedBy(3)).plus(LEASE.dividedBy(6)).plusSeconds(1);
            assertTrue(took.compareTo(bound) < 0, "taken over in " + took + ", not within " + bound);

            assertEquals(fromA.stream().map(acc -> acc + " LOST true true").toList(), atRelease.stream().sorted().toList(),
                    "a stopped each while its lease was still a's (before it could expire)");
            assertTrue(a.held().isEmpty());
            List<String> warnings = logs.at(Level.WARN);
            assertEquals(1 + fromA.size(), warnings.size(), () -> "one line for Redis, one per account: " + warnings);
            assertTrue(warnings.getFirst().matches("Redis at redis://127\\.0\\.0\\.1:\\d+ is unreachable: node a .*"),
                    warnings.getFirst());
            for (String account : fromA) {
                assertTrue(warnings.contains("node a lost account " + account + ": its lease could not be renewed in "
                        + "time; its session stops here so that another daemon can resume it"), () -> "" + warnings);
            }

            a.cutOffFromRedis(false);
            String account = fromA.iterator().next();
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> ownerA.storages.get(account).saveSnapshot("{\"stale\":true}"));
            assertEquals("this daemon no longer holds account " + account, refused.getMessage());
            assertEquals(Optional.of("{\"by\":\"b\"}"), ownerB.storages.get(account).loadSnapshot());
        }
    }

    @Test
    void aDrainRequestMakesTheNodeHandItsAccountsOver() {
        RecordingOwner ownerA = owner("a");
        Cluster a = join("a", ownerA);
        Cluster b = join("b", owner("b"));
        a.run(TEN);
        b.run(TEN);
        Await.until(() -> union(a, b).equals(TEN) && started() == 10, "all ten running");
        Set<String> fromA = new TreeSet<>(a.held());

        Cluster.requestDrain(redis.uri(), PREFIX, "a");
        Await.until(() -> a.draining() && a.held().isEmpty() && b.held().equals(TEN),
                () -> "a drained into b: a " + a.held() + ", b " + b.held());
        assertEquals(List.copyOf(fromA), ownerA.accounts("HANDED_OVER"));
        Await.until(() -> Cluster.status(redis.uri(), PREFIX).nodes().stream()
                .anyMatch(n -> n.name().equals("a") && n.draining()), "a's heartbeat says it is draining");

        ClusterException none = assertThrows(ClusterException.class,
                () -> Cluster.requestDrain(redis.uri(), PREFIX, "c"));
        assertEquals("no live daemon of the cluster is named 'c'", none.getMessage());
    }

    @Test
    void statusShowsTheNodesWhoHoldsEachAccountAndWhenItsStateWasSaved() {
        Cluster a = join("a", owner("a"));
        Cluster b = join("b", owner("b"));
        a.run(TEN);
        b.run(TEN);
        Await.until(() -> union(a, b).equals(TEN) && started() == 10, "all ten running");

        ClusterStatus status = Cluster.status(redis.uri(), PREFIX);
        assertEquals(List.of("a", "b"), status.nodes().stream().map(ClusterStatus.Node::name).toList());
        assertEquals(List.of(a.held().size(), b.held().size()),
                status.nodes().stream().map(ClusterStatus.Node::held).toList());
        assertEquals(List.copyOf(TEN), status.accounts().stream().map(ClusterStatus.AccountLease::account).toList());
        for (ClusterStatus.AccountLease lease : status.accounts()) {
            String holder = a.held().contains(lease.account()) ? "a" : "b";
            assertEquals(Optional.of(holder), lease.owner(), lease.account());
            assertTrue(lease.leaseLeft().compareTo(Duration.ZERO) > 0 && lease.leaseLeft().compareTo(LEASE) <= 0,
                    "" + lease);
            assertTrue(lease.stateSavedAt().isPresent(), "" + lease);
        }
        assertEquals(status.accounts().size(), b.status().accounts().size());

        clusters.forEach(Cluster::close);
        ClusterStatus after = Cluster.status(redis.uri(), PREFIX);
        assertEquals(List.of(), after.nodes());
        assertTrue(after.accounts().stream().allMatch(l -> l.owner().isEmpty() && l.stateSavedAt().isPresent()));
    }

    @Test
    void runWithoutAnAccountHandsItOverAsRemoved() throws Exception {
        RecordingOwner owner = owner("a");
        Cluster a = join("a", owner);
        a.run(Set.of("x", "y", "z"));
        Await.until(() -> a.held().size() == 3 && started() == 3, "three running");

        a.run(Set.of("x"));
        Await.until(() -> a.held().equals(Set.of("x")) && owner.accounts("REMOVED").equals(List.of("y", "z")),
                () -> "y and z removed: " + owner.events);
        // the lease is deleted right after the owner is told (its key, not the owner's word, lets the next node in)
        Await.until(() -> ":0".equals(redis.command("EXISTS", new Keys(PREFIX).lease("y"))), "y's lease deleted");
    }

    @Test
    void aNodeNameCanBeLiveOnlyOnce() {
        join("a", owner("a"));
        ClusterException taken = assertThrows(ClusterException.class, () -> Cluster.join(settings("a"), owner("a")));
        assertEquals("node name 'a' is already used by a live daemon of the cluster", taken.getMessage());
    }

    @Test
    void aDaemonRestartedUnderItsNameJoinsOnceItsDeadHeartbeatExpired() throws Exception {
        String deadBeat = new Heartbeat(java.time.Instant.EPOCH, java.time.Instant.EPOCH, false).value();
        assertEquals("+OK", redis.command("SET", new Keys(PREFIX).node("a"), deadBeat, "PX", "" + LEASE.toMillis()));
        long start = System.nanoTime();
        Cluster a = join("a", owner("a"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LEASE.dividedBy(2)) > 0, "waited for the old heartbeat to expire: " + took);
        assertEquals("a", a.node());
        assertEquals(List.of("a"), a.status().nodes().stream().map(ClusterStatus.Node::name).toList());
    }

    @Test
    void joiningAnUnreachableRedisFailsWithoutNamingThePassword() throws Exception {
        int port = redis.port();
        redis.close();
        redis = null;
        ClusterSettings settings = new ClusterSettings(java.net.URI.create("redis://:s3cret@127.0.0.1:" + port), "a",
                LEASE, PREFIX);
        ClusterException down = assertThrows(ClusterException.class, () -> Cluster.join(settings, owner("a")));
        assertEquals("Redis at redis://127.0.0.1:" + port + " cannot be reached", down.getMessage());
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = down; t != null && seen.add(t); t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("s3cret"), t.toString());
        }
        assertThrows(ClusterException.class, () -> Cluster.status(settings.redis(), PREFIX));
    }

    @Test
    void anAccountItsPreferredNodeDoesNotRunIsClaimedByAnotherAfterOneLease() {
        Cluster a = join("a", owner("a"));
        Cluster b = join("b", owner("b"));
        a.run(Set.of()); // a is live, so it is the preferred node of some accounts, but it runs none of them
        long start = System.nanoTime();
        b.run(TEN);

        Await.until(() -> b.held().equals(TEN) && started() == 10, () -> "b holds all: " + b.held());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Set<String> aPrefers = preferredBy("a", TEN, List.of("a", "b"));
        assertFalse(aPrefers.isEmpty(), "the test needs accounts that a is preferred for");
        assertTrue(took.compareTo(LEASE) >= 0, "b waited a lease before claiming a's preferred " + aPrefers + ": " + took);
        assertTrue(a.held().isEmpty());
    }

    @Test
    void anAccountIsForgottenOnlyOnceNoDaemonHoldsIt() throws Exception {
        Cluster a = join("a", owner("a"));
        a.run(Set.of("acc0", "acc1"));
        Await.until(() -> a.held().size() == 2, () -> "a holds both: " + a.held());
        ClusterException held = assertThrows(ClusterException.class, () -> Cluster.forget(redis.uri(), PREFIX, "acc0"));
        assertTrue(held.getMessage().contains("held by a daemon"), held.getMessage());
        assertEquals("1", redis.command("EXISTS", PREFIX + ":state:{acc0}:snapshot").substring(1), "nothing deleted");

        // What gateways and workers left of it: its streams (with their consumer groups), its finished message ids.
        redis.command("XADD", PREFIX + ":events:{acc0}", "*", "msg", "m1");
        redis.command("XGROUP", "CREATE", PREFIX + ":events:{acc0}", "workers", "0");
        redis.command("ZADD", PREFIX + ":handled:{acc0}", "1", "m0");
        redis.command("XADD", PREFIX + ":commands:{acc0}", "*", "id", "c1");
        a.run(Set.of("acc1")); // removed from a's configuration: its lease is handed over, nobody claims it again
        Await.until(() -> a.held().equals(Set.of("acc1")), () -> "a lets acc0 go: " + a.held());
        assertTrue(Cluster.forget(redis.uri(), PREFIX, "acc0"));
        assertEquals(":0", redis.command("EXISTS", PREFIX + ":state:{acc0}:snapshot"));
        assertEquals(":0", redis.command("EXISTS", PREFIX + ":events:{acc0}", PREFIX + ":handled:{acc0}",
                PREFIX + ":commands:{acc0}"),
                "its streams are gone too");
        assertTrue(Cluster.status(redis.uri(), PREFIX).accounts().stream().noneMatch(l -> l.account().equals("acc0")),
                "no longer listed");
        assertFalse(Cluster.forget(redis.uri(), PREFIX, "acc0"), "nothing left the second time");
        assertTrue(a.held().contains("acc1"), "the other account is untouched");
    }
}
