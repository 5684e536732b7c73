package dev.webwxbot.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.launcher.DaemonCluster;
import dev.webwxbot.launcher.DaemonCluster.Daemon;
import dev.webwxbot.launcher.DaemonCluster.Handled;
import dev.webwxbot.launcher.TextInjector;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster benchmark (docs/_incoming/cluster-bench.md): failover time and end-to-end throughput of a 3-daemon
 * cluster next to a single daemon without a cluster (and one daemon alone in a cluster), in one run on one machine. Every daemon is the packaged
 * distribution ({@code bin/webwx-bot run}, {@code -Xmx160m}) with the same {@code cluster.accounts} accounts and the
 * ledger plugin (one line per text handled, reply {@code re: <text>}); one emulator per set-up, in this JVM.
 *
 * <ul>
 *   <li><b>Throughput</b>: {@code cluster.messages} friends' texts injected at once, spread over the accounts, after
 *   a warm-up of a tenth as many; messages per second from the first injected to the last reply the emulator
 *   received. Nothing may be lost.</li>
 *   <li><b>Failover</b> ({@code cluster.kills} times): texts injected steadily (each account one every second); the
 *   daemon holding the most accounts is killed ({@code kill -9} of its JVM); for each of its accounts the time from
 *   the kill to ONLINE on its new owner, and to the first text handled there; the killed daemon is then started
 *   again (it rejoins empty-handed) before the next kill.</li>
 * </ul>
 *
 * Not part of any build (the name ends in neither Test nor IT). Runs after {@code package}:
 * <pre>
 * mvn -B -o -pl bot-launcher -am package -DskipTests -Dfuzz.skip
 * mvn -B -o -pl bot-launcher -am test-compile surefire:test@distribution-tests -Dtest=ClusterBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip [-Dcluster.kills=5 -Dcluster.messages=3000 -Dcluster.lease=4s]
 * </pre>
 * The table is printed and written to {@code bot-launcher/target/cluster-benchmark.md}.
 */
class ClusterBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("cluster.accounts", 30);
    private static final int MESSAGES = Integer.getInteger("cluster.messages", 3000);
    private static final int KILLS = Integer.getInteger("cluster.kills", 5);
    private static final Duration LEASE = Duration.parse("PT" + System.getProperty("cluster.lease", "4s").toUpperCase(Locale.ROOT));
    private static final Duration STEP = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** One set-up's figures. */
    private record Throughput(String setup, int daemons, int messages, double seconds) {
        double perSecond() {
            return messages / seconds;
        }
    }

    @Test
    void failoverTimeAndThroughputOfAThreeDaemonClusterNextToASingleDaemon() throws Exception {
        List<Throughput> throughputs = new ArrayList<>();
        try (DaemonCluster single = new DaemonCluster(Files.createDirectories(dir.resolve("single")), ACCOUNTS)) {
            single.start("solo", Optional.empty(), LEASE);
            single.loginAll(STEP);
            throughputs.add(throughput(single, "single daemon, no cluster", 1));
        }
        // The same single daemon with its state in Redis: what Redis costs, apart from three JVMs sharing the cores.
        try (RedisProcess redis = RedisProcess.start();
             DaemonCluster alone = new DaemonCluster(Files.createDirectories(dir.resolve("alone")), ACCOUNTS)) {
            alone.start("n1", Optional.of(redis.uri()), LEASE);
            alone.loginAll(STEP);
            throughputs.add(throughput(alone, "1-daemon cluster (Redis)", 1));
        }
        List<Long> toOnline = new ArrayList<>();
        List<Long> toHandled = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start();
             DaemonCluster cluster = new DaemonCluster(Files.createDirectories(dir.resolve("cluster")), ACCOUNTS)) {
            for (String node : List.of("n1", "n2", "n3")) cluster.start(node, Optional.of(redis.uri()), LEASE);
            cluster.loginAll(STEP);
            throughputs.add(throughput(cluster, "3-daemon cluster (Redis)", 3));
            for (int kill = 1; kill <= KILLS; kill++) failover(cluster, redis, kill, toOnline, toHandled);
        }
        String table = table(throughputs, toOnline, toHandled);
        System.out.println(table);
        Files.writeString(Path.of("target", "cluster-benchmark.md"), table);
    }

    /** {@link #MESSAGES} texts at once over every account after a warm-up; to the last reply. */
    private static Throughput throughput(DaemonCluster setup, String name, int daemons) {
        inject(setup, "w", Math.max(ACCOUNTS, MESSAGES / 10));
        long start = System.nanoTime();
        inject(setup, "t", MESSAGES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[cluster-bench] %s: %d texts answered in %.1f s%n", name, MESSAGES, seconds);
        return new Throughput(name, daemons, MESSAGES, seconds);
    }

    /** Injects {@code count} texts round-robin and waits until each has its reply. */
    private static void inject(DaemonCluster setup, String prefix, int count) {
        int before = replies(setup);
        for (int i = 0; i < count; i++) {
            setup.friends().get(i % ACCOUNTS).sendText(prefix + "-" + i);
        }
        Await.until(() -> replies(setup) >= before + count,
                () -> "replies " + (replies(setup) - before) + " of " + count + "\n" + setup.outputs(), STEP);
        assertEquals(before + count, replies(setup), "no text answered twice");
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
        Set<String> texts = new java.util.HashSet<>();
        for (Account account : cluster.accounts()) {
            account.sentMessages().forEach(m -> texts.add(m.content().substring("re: ".length())));
        }
        return texts;
    }

    private static String table(List<Throughput> throughputs, List<Long> toOnline, List<Long> toHandled) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d accounts, %d texts per set-up (after a warm-up of %d), lease %s,"
                        + " %d kills, %d cores, load average before: %s%n%n", ACCOUNTS, MESSAGES,
                Math.max(ACCOUNTS, MESSAGES / 10), LEASE, KILLS, Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage()));
        md.append("| set-up | daemons | texts | wall time | texts/s end to end |\n|---|---|---|---|---|\n");
        for (Throughput t : throughputs) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f s | %.0f |%n", t.setup(), t.daemons(),
                    t.messages(), t.seconds(), t.perSecond()));
        }
        md.append(String.format(Locale.ROOT, "%n| failover (%d kills, %d accounts moved) | median | max |%n|---|---|---|%n",
                KILLS, toOnline.size()));
        md.append(String.format(Locale.ROOT, "| kill → ONLINE on the new owner | %.1f s | %.1f s |%n",
                median(toOnline) / 1000.0, max(toOnline) / 1000.0));
        md.append(String.format(Locale.ROOT, "| kill → first text handled on the new owner | %.1f s | %.1f s |%n",
                median(toHandled) / 1000.0, max(toHandled) / 1000.0));
        return md.toString();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}
