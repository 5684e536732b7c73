package dev.webwxbot.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterStatus;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.launcher.DaemonCluster;
import dev.webwxbot.launcher.DaemonCluster.Daemon;
import dev.webwxbot.launcher.DaemonCluster.Handled;
import dev.webwxbot.launcher.TextInjector;
import dev.webwxbot.launcher.bench.ClusterBenchReport.Failover;
import dev.webwxbot.launcher.bench.ClusterBenchReport.Throughput;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster benchmark (BENCHMARKS.md, "Cluster"): failover time of a 3-daemon cluster, and end-to-end
 * throughput of set-ups side by side in one run on one machine: a single daemon without a cluster ({@code single}),
 * one daemon alone in a cluster ({@code redis}), three daemons sharing the accounts ({@code three}, then the
 * failovers), one gateway and one worker over Redis Streams ({@code streams}), one gateway and two workers
 * ({@code streams2}). {@code -Dcluster.setups=single,streams,streams2} runs only those (default all). Every daemon is
 * the packaged distribution ({@code bin/webwx-bot run [--role gateway|worker]}, {@code -Xmx160m}) with the same
 * {@code cluster.accounts} accounts and the ledger plugin (one line per text handled, in the process that ran the
 * chain; reply {@code re: <text>}); one emulator per set-up, in this JVM.
 *
 * <ul>
 *   <li><b>Throughput</b>: {@code cluster.messages} friends' texts injected at once, spread over the accounts, after
 *   a warm-up of a tenth as many; messages per second from the first injected to the last reply the emulator
 *   received, and the ratio to the single daemon's. Every text answered once and in one ledger once.</li>
 *   <li><b>Failover</b> ({@code cluster.kills} times, with {@code three}): texts injected steadily (each account one
 *   every second); the daemon holding the most accounts is killed ({@code kill -9} of its JVM); for each of its
 *   accounts the time from the kill to ONLINE on its new owner, and to the first text handled there; the killed
 *   daemon is then started again (it rejoins empty-handed) before the next kill.</li>
 * </ul>
 *
 * Not part of any build (the name ends in neither Test nor IT). Runs after {@code package}:
 * <pre>
 * mvn -B -o -pl bot-launcher -am package -DskipTests -Dfuzz.skip
 * mvn -B -o -pl bot-launcher -am test-compile surefire:test@distribution-tests -Dtest=ClusterBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip [-Dcluster.kills=5 -Dcluster.messages=3000 -Dcluster.lease=4s
 *     -Dcluster.setups=single,redis,three,streams,streams2]
 * </pre>
 * The table is printed and written to {@code bot-launcher/target/cluster-benchmark.md}.
 */
class ClusterBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("cluster.accounts", 30);
    private static final int MESSAGES = Integer.getInteger("cluster.messages", 3000);
    private static final int KILLS = Integer.getInteger("cluster.kills", 5);
    private static final Duration LEASE = Duration.parse("PT" + System.getProperty("cluster.lease", "4s").toUpperCase(Locale.ROOT));
    private static final List<String> ALL_SETUPS = List.of("single", "redis", "three", "streams", "streams2");
    private static final List<String> SETUPS =
            setups(System.getProperty("cluster.setups", String.join(",", ALL_SETUPS)));
    private static final Duration STEP = Duration.ofMinutes(3);

    /** Kept when the run fails: the daemons' outputs and ledgers are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void throughputOfEachSetUpNextToASingleDaemonAndFailoverTime() throws Exception {
        String heading = String.format(Locale.ROOT, "%d accounts, %d texts per set-up (after a warm-up of %d),"
                        + " lease %s, %d kills, %d cores, set-ups %s, load average before: %s", ACCOUNTS, MESSAGES,
                Math.max(ACCOUNTS, MESSAGES / 10), LEASE, SETUPS.contains("three") ? KILLS : 0,
                Runtime.getRuntime().availableProcessors(), String.join(",", SETUPS), Machine.loadAverage());
        System.out.println("[cluster-bench] " + heading);
        List<Throughput> throughputs = new ArrayList<>();
        Optional<Failover> failover = Optional.empty();
        // A set-up that fails is reported at the end: the others' figures of the same run are still printed.
        List<String> failed = new ArrayList<>();
        for (String setup : SETUPS) {
            try {
                switch (setup) {
                    case "single" -> throughputs.add(single());
                    case "redis" -> throughputs.add(aloneInACluster());
                    case "three" -> failover = Optional.of(threeDaemons(throughputs));
                    case "streams" -> throughputs.add(streams("gateway + worker, streams", List.of("w1")));
                    case "streams2" -> throughputs.add(streams("gateway + 2 workers, streams", List.of("w1", "w2")));
                    default -> throw new IllegalStateException(setup);
                }
            } catch (AssertionError | Exception e) {
                System.out.println("[cluster-bench] " + setup + " FAILED (folder " + dir + "): " + e);
                failed.add(setup + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        String table = ClusterBenchReport.table(heading, throughputs, failover, Machine.loadAverage());
        System.out.println(table);
        Files.writeString(Path.of("target", "cluster-benchmark.md"), table);
        assertEquals(List.of(), failed, "set-ups that failed (their daemons' outputs are printed above)");
    }

    /** The set-ups {@code cluster.setups} names, in the order given; a name not known is refused, not skipped. */
    private static List<String> setups(String property) {
        List<String> names = Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!ALL_SETUPS.contains(name)) {
                throw new IllegalArgumentException("cluster.setups: unknown set-up " + name + "; known: " + ALL_SETUPS);
            }
        }
        return names;
    }

    private Throughput single() throws Exception {
        try (DaemonCluster single = new DaemonCluster(Files.createDirectories(dir.resolve("single")), ACCOUNTS)) {
            single.start("solo", Optional.empty(), LEASE);
            single.loginAll(STEP);
            return throughput(single, "single daemon, no cluster");
        }
    }

    /** The same single daemon with its state in Redis: what Redis costs, apart from three JVMs sharing the cores. */
    private Throughput aloneInACluster() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             DaemonCluster alone = new DaemonCluster(Files.createDirectories(dir.resolve("alone")), ACCOUNTS)) {
            alone.start("n1", Optional.of(redis.uri()), LEASE);
            alone.loginAll(STEP);
            return throughput(alone, "1-daemon cluster (Redis)");
        }
    }

    /** Three daemons sharing the accounts: their throughput, then {@link #KILLS} failovers. */
    private Failover threeDaemons(List<Throughput> throughputs) throws Exception {
        List<Long> toOnline = new ArrayList<>();
        List<Long> toHandled = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start();
             DaemonCluster cluster = new DaemonCluster(Files.createDirectories(dir.resolve("cluster")), ACCOUNTS)) {
            for (String node : List.of("n1", "n2", "n3")) cluster.start(node, Optional.of(redis.uri()), LEASE);
            cluster.loginAll(STEP);
            throughputs.add(throughput(cluster, "3-daemon cluster (Redis)"));
            for (int kill = 1; kill <= KILLS; kill++) failover(cluster, redis, kill, toOnline, toHandled);
        }
        return new Failover(KILLS, toOnline, toHandled);
    }

    /**
     * One gateway holding every session and {@code workers} running the chain: each text goes through the account's
     * event stream to its worker, and the reply back through the gateway. Measured once every worker holds accounts
     * (processing leases spread by the same rendezvous as daemons' leases).
     */
    private Throughput streams(String name, List<String> workers) throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             DaemonCluster split = new DaemonCluster(
                     Files.createDirectories(dir.resolve(workers.getLast() + "-streams")), ACCOUNTS)) {
            // Workers first: a worker joining after the others have claimed every account gets none (leases move
            // only when their holder goes), so all must have joined before the gateway lists its accounts.
            for (String worker : workers) split.start(worker, Optional.of(redis.uri()), LEASE, "worker");
            Await.until(() -> Cluster.status(redis.uri(), "webwx:work").nodes().stream().map(ClusterStatus.Node::name)
                    .toList().containsAll(workers), () -> "every worker joined\n" + split.outputs(), STEP);
            split.start("g1", Optional.of(redis.uri()), LEASE, "gateway");
            split.loginAll(STEP);
            Await.until(() -> {
                List<ClusterStatus.Node> nodes = Cluster.status(redis.uri(), "webwx:work").nodes();
                return nodes.stream().filter(n -> workers.contains(n.name()) && n.held() > 0).count() == workers.size()
                        && nodes.stream().mapToInt(ClusterStatus.Node::held).sum() == ACCOUNTS;
            }, () -> "every worker processing accounts, all " + ACCOUNTS + " held: "
                    + Cluster.status(redis.uri(), "webwx:work").nodes() + "\n" + split.outputs(), STEP);
            return throughput(split, name);
        }
    }

    /** {@link #MESSAGES} texts at once over every account after a warm-up; to the last reply. */
    private static Throughput throughput(DaemonCluster setup, String name) {
        inject(setup, "w", Math.max(ACCOUNTS, MESSAGES / 10));
        long start = System.nanoTime();
        inject(setup, "t", MESSAGES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[cluster-bench] %s: %d texts answered in %.1f s (%.0f/s)%n", name, MESSAGES,
                seconds, MESSAGES / seconds);
        // Where the chain ran, from the ledgers; each measured text there exactly once (no process died here).
        List<Handled> measured = setup.handled().stream().filter(h -> h.text().startsWith("t-")).toList();
        assertEquals(MESSAGES, measured.stream().map(Handled::text).distinct().count(), "every text in a ledger");
        assertEquals(MESSAGES, measured.size(), "no text handled twice");
        Map<String, Long> handledBy = new TreeMap<>(measured.stream()
                .collect(Collectors.groupingBy(Handled::node, Collectors.counting())));
        return new Throughput(name, setup.daemons().size(), MESSAGES, seconds, handledBy);
    }

    /** Injects {@code count} texts round-robin and waits until each has its reply, once. */
    private static void inject(DaemonCluster setup, String prefix, int count) {
        int before = replies(setup);
        for (int i = 0; i < count; i++) {
            setup.friends().get(i % ACCOUNTS).sendText(prefix + "-" + i);
        }
        Await.until(() -> replies(setup) >= before + count,
                () -> "replies " + (replies(setup) - before) + " of " + count + "\n" + setup.outputs(), STEP);
        assertEquals(before + count, replies(setup), "no text answered twice");
        Set<String> answered = answered(setup);
        List<String> missing = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i)
                .filter(text -> !answered.contains(text)).toList();
        assertEquals(List.of(), missing, "texts without their reply");
    }

    private static int replies(DaemonCluster setup) {
        return setup.accounts().stream().mapToInt(a -> a.sentMessages().size()).sum();
    }

    private static void failover(DaemonCluster cluster, RedisProcess redis, int round, List<Long> toOnline,
                                 List<Long> toHandled) throws Exception {
        Map<String, String> owners = cluster.online();
        Map<String, String> nicks = cluster.nicks();
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        owners.forEach((account, node) -> byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(account));
        String victim = byNode.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        Set<String> moved = Set.copyOf(byNode.get(victim));
        TextInjector injector = TextInjector.start(cluster.accounts(), cluster.friends(), "f" + round,
                Duration.ofSeconds(1));
        Await.until(() -> injector.count() >= 2 * ACCOUNTS, "texts injected before the kill", STEP);
        Daemon daemon = cluster.daemons().get(victim);
        long killedAt = cluster.kill(daemon);
        Map<String, Long> onlineAt = new LinkedHashMap<>();
        Await.until(() -> {
            Map<String, String> online = cluster.online();
            for (String account : moved) {
                if (online.containsKey(account)) onlineAt.putIfAbsent(account, System.currentTimeMillis() - killedAt);
            }
            return onlineAt.size() == moved.size();
        }, () -> "all of " + victim + " online elsewhere: " + onlineAt, STEP);
        int atOnline = injector.count();
        Await.until(() -> injector.count() >= atOnline + 2 * ACCOUNTS, "texts injected after the failover", STEP);
        Map<String, TextInjector.Injected> injected = injector.stop();
        Await.until(() -> answered(cluster).containsAll(injected.keySet()),
                "every text of round " + round + " answered", STEP);
        List<Handled> handled = cluster.handled();
        for (String account : moved) {
            String nick = nicks.get(account);
            long first = handled.stream().filter(h -> h.nick().equals(nick) && !h.node().equals(victim)
                    && h.epochMillis() >= killedAt).mapToLong(Handled::epochMillis).min().orElseThrow();
            toHandled.add(first - killedAt);
        }
        toOnline.addAll(onlineAt.values());
        System.out.printf(Locale.ROOT, "[cluster-bench] kill %d of %s (%d accounts): to ONLINE max %d ms%n", round,
                victim, moved.size(), onlineAt.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        // Started again under its name once its heartbeat expired: it rejoins holding nothing.
        Await.until(() -> Cluster.status(redis.uri(), "webwx").nodes().stream().noneMatch(n -> n.name().equals(victim)),
                victim + "'s heartbeat expired", STEP);
        cluster.start(victim, Optional.of(redis.uri()), LEASE);
        Await.until(() -> Cluster.status(redis.uri(), "webwx").nodes().stream().anyMatch(n -> n.name().equals(victim)),
                victim + " rejoined", STEP);
    }

    /** Every text answered so far. */
    private static Set<String> answered(DaemonCluster cluster) {
        Set<String> texts = new HashSet<>();
        for (Account account : cluster.accounts()) {
            account.sentMessages().forEach(m -> texts.add(m.content().substring("re: ".length())));
        }
        return texts;
    }
}
