package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.launcher.DaemonCluster.Handled;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway/worker split as operators run it (issue 23): a real {@code redis-server}, two gateways and two workers
 * of the packaged distribution ({@code bin/webwx-bot run --role gateway|worker}, each its own process), the emulator
 * with 10 accounts logged in through the gateways, friends' texts injected at a steady rate throughout. In turn:
 * {@code kill -9} of the worker processing the most accounts (its accounts are processed by the other worker within
 * the lease), {@code kill -9} of the gateway holding the most accounts (its accounts are ONLINE on the other gateway
 * within the lease, no QR code asked for), and a graceful {@code cluster drain} of the worker then processing all
 * (onto a third worker started meanwhile). At the end every text was answered exactly once at the emulator and handed
 * to plugins at least once; a text handed twice is one the killed worker had begun (its redelivery), never one of
 * the gateway kill or the drain. Runs after {@code package}; a minute or two, so it is a documented command
 * (docs/cluster.md) rather than part of {@code ./webwx-bot test}, whose short forms of it are
 * {@code GatewayWorkerEndToEndTest} and {@code GatewayWorkerTest}.
 */
class RolesFailoverSoak {

    private static final int ACCOUNTS = 10;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Each account gets a text this often. */
    private static final Duration PERIOD = Duration.ofSeconds(2);
    /**
     * How long the plugin goes on handling a text after its reply went out: a kill of the worker then often lands
     * between a reply sent and its message finished, so that the redelivery (and that the reply is not sent again)
     * is exercised. Longer than the next worker takes to claim an account handed over (up to a third of the lease),
     * so that a text the drained worker still runs is not yet kept as finished when the next one reads it: a text
     * run by both would show as two ledger lines rather than be hidden by the finished ids.
     */
    private static final Duration LINGER = Duration.ofMillis(1200);
    /** How long before its kill the killed worker may have begun a text it did not finish (LINGER and the reports). */
    private static final Duration IN_FLIGHT = LINGER.plus(Duration.ofSeconds(3));
    /** What this 2-core machine may add to a lease for a takeover (JVMs competing for the cores). */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofSeconds(60);
    /** Four JVMs starting and ten logins on two cores shared with other builds: slow, and not what is measured. */
    private static final Duration LOGIN = Duration.ofSeconds(150);
    private static final String TAG = "[roles-it] ";

    /** Kept when the test fails: the daemons' logs, ledgers and outputs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killedWorkerAndGatewayHandOverWithoutAScanAndEveryTextIsAnsweredOnce() throws Exception {
        long began = System.currentTimeMillis();
        try (RedisProcess redis = RedisProcess.start(); DaemonCluster cluster = new DaemonCluster(dir, ACCOUNTS, LINGER)) {
            for (String gateway : List.of("g1", "g2")) cluster.start(gateway, Optional.of(redis.uri()), LEASE, "gateway");
            try {
                GatewayLogins.loginAll(cluster, List.of("g1", "g2"), LOGIN);
            } catch (AssertionError e) {
                System.out.println(TAG + "the daemons' accounts as their APIs list them:\n" + apiAccounts(cluster));
                throw e;
            }
            // The workers only once the accounts are online: fewer JVMs competing for the cores while the gateways
            // log in (a gateway starved past its lease loses its accounts mid-login). They follow the accounts the
            // gateways run, so they need nothing else.
            for (String worker : List.of("w1", "w2")) cluster.start(worker, Optional.of(redis.uri()), LEASE, "worker");
            LeaseProbe leases = new LeaseProbe(redis.uri());
            List<String> ids = cluster.accountIds();
            Await.until(() -> leases.workers(ids).size() == ACCOUNTS,
                    () -> "every account processed by a worker: " + leases.workers(ids) + "\n" + cluster.outputs(), STEP);
            Map<String, String> nicks = cluster.nicks();
            assertEquals(ACCOUNTS, nicks.size(), "every account's self name: " + nicks);
            System.out.println(TAG + "all " + ACCOUNTS + " online after " + (System.currentTimeMillis() - began)
                    + " ms; gateways " + LeaseProbe.byHolder(leases.gateways(ids)) + ", workers "
                    + LeaseProbe.byHolder(leases.workers(ids)));
            int loginsBefore = cluster.loginRequests().size();

            TextInjector texts = TextInjector.start(cluster.accounts(), cluster.friends(), "r", PERIOD);
            awaitMoreTexts(texts, ACCOUNTS, "before the worker kill");

            // --- kill -9 of the worker processing the most accounts ---
            Map<String, List<String>> byWorker = LeaseProbe.byHolder(leases.workers(ids));
            String deadWorker = busiest(byWorker);
            String otherWorker = byWorker.keySet().stream().filter(w -> !w.equals(deadWorker)).findFirst()
                    .orElse(deadWorker.equals("w1") ? "w2" : "w1");
            List<String> movedWork = byWorker.get(deadWorker);
            long workerKilledAt = cluster.kill(cluster.daemons().get(deadWorker));
            Map<String, Long> leaseAt = new TreeMap<>();
            Map<String, Long> ledgerAt = new TreeMap<>();
            Await.until(() -> {
                long now = System.currentTimeMillis();
                Map<String, String> workers = leases.workers(ids);
                Set<String> nicksHandled = cluster.handled().stream()
                        .filter(h -> h.node().equals(otherWorker) && h.epochMillis() >= workerKilledAt)
                        .map(Handled::nick).collect(Collectors.toSet());
                for (String account : movedWork) {
                    if (otherWorker.equals(workers.get(account))) leaseAt.putIfAbsent(account, now - workerKilledAt);
                    if (nicksHandled.contains(nicks.get(account))) ledgerAt.putIfAbsent(account, now - workerKilledAt);
                }
                return leaseAt.size() == movedWork.size() && ledgerAt.size() == movedWork.size();
            }, () -> "every account of " + deadWorker + " processed by " + otherWorker + ": leases " + leaseAt
                    + ", ledger lines " + ledgerAt + "\n" + cluster.outputs(), LEASE.plus(MARGIN).plus(STEP));
            long workerTakeover = max(leaseAt);
            long workerFirstLine = max(ledgerAt);
            System.out.println(TAG + "kill -9 " + deadWorker + " (" + movedWork.size() + " accounts " + movedWork
                    + "): processing lease on " + otherWorker + " after ms " + leaseAt + ", first ledger line there after"
                    + " ms " + ledgerAt);
            assertTrue(workerTakeover <= LEASE.plus(MARGIN).toMillis(), "worker takeover took " + workerTakeover + " ms");
            // A text arrives for each account every PERIOD: its first line there may wait that long after the lease.
            assertTrue(workerFirstLine <= LEASE.plus(MARGIN).plus(PERIOD).toMillis(),
                    "first text on the new worker after " + workerFirstLine + " ms");
            // The worker that takes the drained one's accounts at the end; it joins now and holds none until then.
            cluster.start("w3", Optional.of(redis.uri()), LEASE, "worker");

            // --- kill -9 of the gateway holding the most accounts ---
            Map<String, List<String>> byGateway = LeaseProbe.byHolder(leases.gateways(ids));
            String deadGateway = busiest(byGateway);
            String otherGateway = deadGateway.equals("g1") ? "g2" : "g1";
            List<String> movedSessions = byGateway.get(deadGateway);
            long gatewayKilledAt = cluster.kill(cluster.daemons().get(deadGateway));
            Map<String, Long> onlineAt = new TreeMap<>();
            Await.until(() -> {
                long now = System.currentTimeMillis();
                Map<String, String> online = cluster.online();
                for (String account : movedSessions) {
                    if (otherGateway.equals(online.get(account))) onlineAt.putIfAbsent(account, now - gatewayKilledAt);
                }
                return onlineAt.size() == movedSessions.size();
            }, () -> "every account of " + deadGateway + " ONLINE on " + otherGateway + ": " + onlineAt + "\n"
                    + cluster.outputs(), LEASE.plus(MARGIN).plus(STEP));
            long gatewayTakeover = max(onlineAt);
            System.out.println(TAG + "kill -9 " + deadGateway + " (" + movedSessions.size() + " accounts " + movedSessions
                    + "): ONLINE on " + otherGateway + " after ms " + onlineAt);
            assertTrue(gatewayTakeover <= LEASE.plus(MARGIN).toMillis(), "gateway takeover took " + gatewayTakeover + " ms");
            assertEquals(List.of(), cluster.loginRequests().subList(loginsBefore, cluster.loginRequests().size()),
                    "a QR code was asked for or redeemed after the first logins");
            awaitMoreTexts(texts, ACCOUNTS, "after the gateway kill");

            // --- a graceful drain of the worker now processing every account, onto w3 ---
            Await.until(() -> leases.workerAlive("w3"), () -> "w3 joined the workers\n" + cluster.outputs(), STEP);
            Map<String, String> beforeDrain = leases.workers(ids);
            assertEquals(Map.of(otherWorker, ids), LeaseProbe.byHolder(beforeDrain), "who processes what before the drain");
            // Twice the rate while the worker hands its accounts over: more texts arrive as each one moves.
            TextInjector burst = TextInjector.start(cluster.accounts(), cluster.friends(), "d", PERIOD);
            long drainAt = System.currentTimeMillis();
            String drain = cluster.cli(redis.uri(), STEP, "cluster", "drain", otherWorker, "--wait", "--timeout", "PT30S");
            Await.until(() -> LeaseProbe.byHolder(leases.workers(ids)).equals(Map.of("w3", ids)),
                    () -> "every account processed by w3: " + leases.workers(ids) + "\n" + cluster.outputs(), STEP);
            long drained = System.currentTimeMillis() - drainAt;
            System.out.println(TAG + "drain of " + otherWorker + " (" + drain.strip().replace("\n", " | ") + "): all on w3"
                    + " after " + drained + " ms");
            awaitMoreTexts(texts, ACCOUNTS, "after the drain");
            Map<String, TextInjector.Injected> burstTexts = burst.stop();
            assertEquals(List.of(), burst.failures());

            // --- settled: every text answered once, handed at least once, twice only when the worker was killed ---
            Map<String, TextInjector.Injected> injected = new HashMap<>(texts.stop());
            assertEquals(List.of(), texts.failures());
            injected.putAll(burstTexts);
            cluster.awaitReplies(injected.keySet(), STEP);
            Map<String, List<Handled>> byText = cluster.handled().stream().collect(Collectors.groupingBy(Handled::text));
            List<String> unhandled = injected.keySet().stream().filter(text -> !byText.containsKey(text)).sorted().toList();
            List<String> redelivered = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (String text : new TreeSet<>(injected.keySet())) {
                List<Handled> lines = byText.getOrDefault(text, List.of());
                if (lines.size() <= 1) continue;
                if (isRedelivery(lines, deadWorker, workerKilledAt, IN_FLIGHT)) redelivered.add(text);
                else wrong.add(text + " injected at " + (injected.get(text).epochMillis() - began) + " ms: " + lines);
            }
            System.out.println(TAG + injected.size() + " texts; handed twice: " + redelivered.size() + " " + redelivered
                    + " (all begun by " + deadWorker + " before its kill); takeover ms: worker " + workerTakeover
                    + " (first text " + workerFirstLine + "), gateway " + gatewayTakeover + ", drain " + drained
                    + "; lease " + LEASE.toMillis() + "; whole run " + (System.currentTimeMillis() - began) + " ms");
            printAcrossGatewayKill(cluster, byText, injected.keySet(), gatewayKilledAt);
            if (!wrong.isEmpty()) {
                System.out.println(TAG + "marks (ms since the start): worker kill " + (workerKilledAt - began)
                        + ", gateway kill " + (gatewayKilledAt - began) + ", drain " + (drainAt - began)
                        + "; the daemons' folders are kept in " + dir);
                printWorkerLogs(cluster, nicks, wrong);
            }
            assertEquals(List.of(), unhandled, "texts never handed to plugins");
            // Replies before doubles: a reply sent twice is the worse finding, and a double's reply count is evidence.
            cluster.assertRepliedOnce(injected.keySet());
            assertEquals(List.of(), wrong, "texts handed more than once, other than the killed worker's redeliveries");
            // Each moved account has a text every PERIOD, each in flight for about LINGER.
            long perAccount = Math.ceilDiv(IN_FLIGHT.toMillis(), PERIOD.toMillis());
            assertTrue(redelivered.size() <= perAccount * movedWork.size(), "more redeliveries than texts in flight on "
                    + deadWorker + " (" + movedWork.size() + " accounts): " + redelivered);
            assertEquals(List.of(), cluster.loginRequests().subList(loginsBefore, cluster.loginRequests().size()),
                    "a QR code was asked for or redeemed after the first logins");
        }
    }

    /**
     * A text's lines that are its first handling on the killed worker, begun shortly before the kill (in flight at
     * it), and its one redelivery by another worker after it (same message).
     */
    private static boolean isRedelivery(List<Handled> lines, String deadWorker, long killedAt, Duration inFlight) {
        if (lines.size() != 2) return false;
        List<Handled> sorted = lines.stream().sorted(Comparator.comparingLong(Handled::epochMillis)).toList();
        return sorted.get(0).node().equals(deadWorker) && sorted.get(0).epochMillis() < killedAt
                && sorted.get(0).epochMillis() >= killedAt - inFlight.toMillis()
                && !sorted.get(1).node().equals(deadWorker) && sorted.get(1).epochMillis() >= killedAt
                && sorted.get(0).msgId().equals(sorted.get(1).msgId());
    }

    /**
     * What the gateway kill caught in flight, from the ledgers and the emulator's send times: texts a worker began
     * before the kill whose reply went out after it (through the new gateway), and texts that reached a worker only
     * after it (re-published by the new gateway, or fetched by it). Printed, not asserted: how many depends on timing.
     */
    private static void printAcrossGatewayKill(DaemonCluster cluster, Map<String, List<Handled>> byText,
                                               Set<String> texts, long killedAt) {
        Map<String, Long> repliedAt = new HashMap<>();
        for (Account account : cluster.accounts()) {
            for (SentMessage sent : account.sentMessages()) {
                if (sent.content().startsWith("re: ")) repliedAt.put(sent.content().substring(4), sent.time().toEpochMilli());
            }
        }
        List<String> answeredAfter = new ArrayList<>();
        for (String text : new TreeSet<>(texts)) {
            long begun = byText.getOrDefault(text, List.of()).stream().mapToLong(Handled::epochMillis).min().orElse(Long.MAX_VALUE);
            if (begun < killedAt && repliedAt.getOrDefault(text, 0L) >= killedAt) answeredAfter.add(text);
        }
        System.out.println(TAG + "gateway kill: texts begun before it and answered after it: " + answeredAfter);
    }

    /** The workers' log lines about the accounts of the texts handled too often: who processed them when. */
    private static void printWorkerLogs(DaemonCluster cluster, Map<String, String> nicks, List<String> wrong) {
        Set<String> accounts = new TreeSet<>();
        nicks.forEach((account, nick) -> {
            if (wrong.stream().anyMatch(line -> line.contains("nick=" + nick + ","))) accounts.add(account);
        });
        for (DaemonCluster.Daemon daemon : cluster.daemons().values()) {
            if (!daemon.node().startsWith("w")) continue;
            Path logs = daemon.output().getParent().resolve("logs");
            try (var files = Files.exists(logs) ? Files.list(logs) : java.util.stream.Stream.<Path>empty()) {
                for (Path log : files.sorted().toList()) {
                    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                        if (accounts.stream().anyMatch(a -> line.contains("account " + a + " ") || line.endsWith(
                                "account " + a)) || line.contains("drain")) {
                            System.out.println(TAG + daemon.node() + " " + log.getFileName() + ": " + line);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                System.out.println(TAG + daemon.node() + ": logs unreadable: " + e);
            }
        }
    }

    private static void awaitMoreTexts(TextInjector texts, int more, String when) {
        int now = texts.count();
        Await.until(() -> texts.count() >= now + more, "texts injected " + when, STEP);
    }

    private static String busiest(Map<String, List<String>> byHolder) {
        return byHolder.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
    }

    private static long max(Map<String, Long> times) {
        return times.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Each live daemon's {@code GET /accounts} answer, raw: why an account is not seen ONLINE. */
    private static String apiAccounts(DaemonCluster cluster) {
        StringBuilder all = new StringBuilder();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (DaemonCluster.Daemon daemon : cluster.daemons().values()) {
            all.append(daemon.node()).append(": ");
            try {
                java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + daemon.apiPort() + "/api/v1/accounts"))
                        .header("Authorization", "Bearer " + DaemonCluster.TOKEN).timeout(Duration.ofSeconds(5)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                all.append(response.statusCode()).append(' ').append(response.body());
            } catch (Exception e) {
                all.append(e);
            }
            all.append('\n');
        }
        return all.toString();
    }
}
