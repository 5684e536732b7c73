package dev.webwxbot.server.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.bench.BenchSupport.Api;
import dev.webwxbot.server.metrics.BotMetrics;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap per idle account of the daemon: N accounts in one {@link BotServer}, each logged in on the emulator (which
 * runs in this JVM, holding every synccheck 25 s like the real server), then left idle and measured after GC.
 *
 * <p>The emulator's share must not count, and neither must what a daemon costs whatever its account count (Helidon,
 * the plugin host, the metrics registry, the shared client). Four heaps after GC, on one emulator that holds every
 * emulator account from the start:
 *
 * <ol>
 *   <li>{@code H1}: a daemon with one account ({@code base}), online;
 *   <li>{@code H0}: that daemon closed (the emulator keeps its one session); the classes and static caches it loaded
 *       stay, so they cancel out of every difference below;
 *   <li>{@code HN}: a second daemon with N accounts ({@code a0001 ... }), all online, idle for a few seconds;
 *   <li>{@code HE}: that daemon closed (the emulator keeps its N + 1 sessions).
 * </ol>
 *
 * Then a daemon with N accounts costs {@code HN - HE}, one with one account {@code H1 - H0}, so each further account
 * costs {@code ((HN - HE) - (H1 - H0)) / (N - 1)}, and the emulator keeps {@code (HE - H0) / N} per session. Closing a
 * daemon also closes the emulator's end of its connections, so the daemon's figure includes the emulator's half of
 * each idle connection: an upper bound. The same differences per class (class histograms of the four states) show
 * what a daemon account is made of. Separately, a fresh {@link BotMetrics} with N accounts registered as the daemon
 * registers them gives the metrics' share.
 *
 * <p>Not part of the normal build (the name does not end in Test). Run with
 *
 * <pre>
 * mvn -B -o -pl server test -Dtest=IdleAccountsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Didle.accounts=1000] [-Didle.friends=0] [-Didle.seconds=5]
 * </pre>
 *
 * The table is printed and written to {@code server/target/idle-accounts-benchmark.md}. It fails (after printing) if
 * the daemon's share per account is above {@code -Didle.goalKb} (50 KB).
 */
class IdleAccountsBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("idle.accounts", 1000);
    private static final int FRIENDS = Integer.getInteger("idle.friends", 0);
    private static final int IDLE_SECONDS = Integer.getInteger("idle.seconds", 5);
    private static final int GOAL_KB = Integer.getInteger("idle.goalKb", 50);

    private static final String SETTINGS = """
            webwx-bot {
              drain-time = 2s
              api { enabled = true, port = 0 }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void heapPerIdleAccount() throws Exception {
        StringBuilder out = new StringBuilder("Machine: " + BenchSupport.machine() + String.format(Locale.ROOT,
                "; %d accounts, %d friends each, idle %d s before measuring%n%n", ACCOUNTS, FRIENDS, IDLE_SECONDS));
        double daemonKb;
        try (Emulator emulator = Emulator.builder().port(0).maxRecordedRequests(0).start()) {
            Account basePhone = emulator.addAccount("Base");
            Map<String, Account> phones = new LinkedHashMap<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                Account phone = emulator.addAccount(String.format(Locale.ROOT, "Idle %04d", i));
                for (int f = 0; f < FRIENDS; f++) phone.addFriend("Friend " + f + " of " + i);
                phones.put(String.format(Locale.ROOT, "a%04d", i), phone);
            }
            long hPre = BenchSupport.heapAfterGc();
            Map<String, Long> cPre = BenchSupport.histogram();

            // 1. A daemon with one account, online; then closed.
            Phase one = phase(emulator, dir.resolve("data"), "webwx-bot.accounts { base {} }\n" + SETTINGS,
                    Map.of("base", basePhone));
            long h1 = one.online();
            long h0 = one.closed();
            Map<String, Long> c1 = one.onlineClasses();
            Map<String, Long> c0 = one.closedClasses();

            // 2. A daemon with N accounts, all online and idle; then closed.
            StringBuilder accounts = new StringBuilder("webwx-bot.accounts {\n");
            phones.keySet().forEach(id -> accounts.append("  ").append(id).append(" {}\n"));
            accounts.append("}\n");
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            Phase many = phase(emulator, dir.resolve("data-many"), accounts + SETTINGS, phones);
            long hN = many.online();
            long hE = many.closed();
            Map<String, Long> cN = many.onlineClasses();
            Map<String, Long> cE = many.closedClasses();
            double startSeconds = many.startSeconds();
            double loginSeconds = many.loginSeconds();
            int threadsOnline = many.threadsOnline();
            String fds = many.fds();

            // 3. The emulator's half of an idle connection: plain sockets (no Netty on this side), connected and left
            // open; the emulator's per-connection objects (channel, pipeline) are what grows, besides the sockets.
            Connections connection = emulatorConnection(emulator, ACCOUNTS);
            double connectionsPerAccount = (many.socketsOnline() - many.socketsBefore()) / 2.0 / ACCOUNTS;

            int n = ACCOUNTS;
            daemonKb = ((hN - hE) - (h1 - h0)) / 1024.0 / (n - 1);
            double emulatorKb = (hE - h0) / 1024.0 / n;
            out.append("| measure | value |\n|---|---|\n");
            BenchSupport.row(out, "BotServer.start with N accounts configured", "%.1f s", startSeconds);
            BenchSupport.row(out, "all N online after (read QR links from GET /api/v1/accounts, phones scan at once)",
                    "%.1f s (%.0f accounts/s)", loginSeconds, n / loginSeconds);
            BenchSupport.row(out, "all N removed by a reload to an empty accounts block, before close", "%.1f s",
                    many.removeSeconds());
            BenchSupport.row(out, "heap after GC: emulator alone / + 1-account daemon / daemon closed", "%.1f / %.1f / %.1f MB",
                    hPre / 1048576.0, h1 / 1048576.0, h0 / 1048576.0);
            BenchSupport.row(out, "heap after GC: N-account daemon online / closed", "%.1f / %.1f MB",
                    hN / 1048576.0, hE / 1048576.0);
            BenchSupport.row(out, "a daemon with 1 account, H1 − H0 (fixed cost + 1 account)", "%.1f MB",
                    (h1 - h0) / 1048576.0);
            BenchSupport.row(out, "a daemon with N accounts, HN − HE", "%.1f MB", (hN - hE) / 1048576.0);
            BenchSupport.row(out, "**daemon per idle account**, ((HN − HE) − (H1 − H0)) / (N − 1)", "**%.1f KB** (goal ≤ %d KB)",
                    daemonKb, GOAL_KB);
            BenchSupport.row(out, String.format(Locale.ROOT, "… of which the emulator's half of the account's "
                    + "connections (estimate: %.1f open connections per account × %.1f KB, the emulator's side of one "
                    + "idle accepted connection; the test's own Socket objects included)", connectionsPerAccount,
                    connection.kb()), "%.1f KB, leaving **%.1f KB** for the daemon alone",
                    connectionsPerAccount * connection.kb(), daemonKb - connectionsPerAccount * connection.kb());
            BenchSupport.row(out, "emulator per session, (HE − H0) / N (not the daemon's)", "%.1f KB", emulatorKb);
            BenchSupport.row(out, "both sides per account, (HN − H1) / (N − 1)", "%.1f KB", (hN - h1) / 1024.0 / (n - 1));
            BenchSupport.row(out, "left behind by a closed daemon (statics, caches), H0 − heap before it", "%.1f MB",
                    (h0 - hPre) / 1048576.0);
            BenchSupport.row(out, "… by class", "%s", perClass(c0, cPre, Map.of(), Map.of(), 1024, 6)
                    .replace(" KB;", " MB;"));
            BenchSupport.row(out, "daemon (server, core) objects still on the heap after close: 1-account / N-account daemon",
                    "%.1f KB / %.1f KB", ours(c0) / 1024.0, ours(cE) / 1024.0);
            BenchSupport.row(out, "platform threads: before the N-account daemon / N online", "%d / %d", threadsBefore,
                    threadsOnline);
            BenchSupport.row(out, "platform threads with N online, by name (digits dropped)", "%s", many.threadNames());
            BenchSupport.row(out, "open file descriptors with N online (both ends of each connection) / limit", "%s", fds);
            BenchSupport.row(out, "daemon per account by class, ((HN − HE) − (H1 − H0)) per class / (N − 1)", "%s",
                    perClass(cN, cE, c1, c0, n - 1, 14));
            BenchSupport.row(out, "emulator's side of one idle connection by class", "%s", connection.byClass());
            BenchSupport.row(out, "emulator per session by class, (HE − H0) per class / N", "%s",
                    perClass(cE, c0, Map.of(), Map.of(), n, 6));
        }
        metricsAlone(out);
        String report = out.toString();
        System.out.println(report);
        BenchSupport.write("idle-accounts-benchmark.md", report);
        assertTrue(daemonKb <= GOAL_KB, String.format(Locale.ROOT, "%.1f KB per idle account, goal %d KB", daemonKb, GOAL_KB));
    }

    /** Heap after GC (and class histograms) of one daemon with its accounts online and idle, then closed. */
    private record Phase(double startSeconds, double loginSeconds, double removeSeconds, int threadsOnline,
                         String threadNames, String fds,
                         long socketsBefore, long socketsOnline, long online,
                         Map<String, Long> onlineClasses, long closed, Map<String, Long> closedClasses) {
    }

    /**
     * Starts a daemon, logs its accounts in, idles, measures, closes it and measures again. In a method of its own so
     * that nothing of the closed daemon stays reachable from a local variable of the caller.
     */
    private Phase phase(Emulator emulator, Path data, String config, Map<String, Account> phones) throws Exception {
        long socketsBefore = BenchSupport.openSockets();
        long startedAt = System.nanoTime();
        BotServer server = BenchSupport.startDaemon(emulator, dir, data, config);
        double startSeconds = (System.nanoTime() - startedAt) / 1e9;
        double loginSeconds;
        int threads;
        String threadNames;
        String fds;
        long socketsOnline;
        long online;
        Map<String, Long> onlineClasses;
        double removeSeconds;
        try (Api api = Api.from(data)) {
            loginSeconds = BenchSupport.logInAll(api, phones, Duration.ofSeconds(Math.max(120, phones.size() / 5)));
        }
        try {
            Thread.sleep(IDLE_SECONDS * 1000L);
            threads = ManagementFactory.getThreadMXBean().getThreadCount();
            threadNames = threadNames();
            fds = BenchSupport.fileDescriptors();
            socketsOnline = BenchSupport.openSockets();
            online = BenchSupport.heapAfterGc();
            onlineClasses = BenchSupport.histogram();
        } finally {
            // Helidon 4.5.0 never cancels a listener's idle-connection TimerTask (its own timer thread lives on,
            // helidon-io/helidon#11939), so a stopped API server keeps its routing, and through it the daemon,
            // reachable. Removing every account by a reload first leaves only the daemon's empty shell behind,
            // the same for one account as for N, so it cancels out of the differences.
            long removing = System.nanoTime();
            server.reconfigure(BenchSupport.config("webwx-bot.accounts {}\n" + SETTINGS));
            removeSeconds = (System.nanoTime() - removing) / 1e9;
            server.close();
        }
        server = null; // not reachable from this frame while measuring the closed state
        Thread.sleep(1_000);
        long closed = BenchSupport.heapAfterGc();
        return new Phase(startSeconds, loginSeconds, removeSeconds, threads, threadNames, fds, socketsBefore, socketsOnline, online, onlineClasses, closed,
                BenchSupport.histogram());
    }

    private static String threadNames() {
        Map<String, Integer> names = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return names.toString();
    }

    private record Connections(double kb, String byClass) {
    }

    /** Heap per open, idle accepted connection on the emulator's side, from {@code count} plain sockets. */
    private static Connections emulatorConnection(Emulator emulator, int count) throws Exception {
        java.net.URI base = java.net.URI.create(emulator.baseUrl());
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            long before = BenchSupport.heapAfterGc();
            Map<String, Long> classesBefore = BenchSupport.histogram();
            for (int i = 0; i < count; i++) {
                sockets.add(new java.net.Socket(base.getHost(), base.getPort()));
            }
            Thread.sleep(2_000); // every connection accepted and its pipeline built
            long after = BenchSupport.heapAfterGc();
            return new Connections((after - before) / 1024.0 / count,
                    perClass(BenchSupport.histogram(), classesBefore, Map.of(), Map.of(), count, 8));
        } finally {
            for (java.net.Socket socket : sockets) socket.close();
        }
    }

    /** The meters the daemon registers for an idle account (its session's monitor, its state gauges), alone. */
    private static void metricsAlone(StringBuilder out) throws Exception {
        long before = BenchSupport.heapAfterGc();
        BotMetrics metrics = new BotMetrics();
        long empty = BenchSupport.heapAfterGc();
        for (int i = 1; i <= ACCOUNTS; i++) {
            String id = String.format(Locale.ROOT, "a%04d", i);
            metrics.forAccount(id);
            metrics.accountState(id, () -> "ONLINE");
        }
        long full = BenchSupport.heapAfterGc();
        int scrape = metrics.scrape().length();
        Reference.reachabilityFence(metrics);
        BenchSupport.row(out, "metrics alone: a BotMetrics / per account registered (3 counters, 6 state gauges)",
                "%.1f KB / %.1f KB", (empty - before) / 1024.0, (full - empty) / 1024.0 / ACCOUNTS);
        BenchSupport.row(out, "/metrics text per idle account", "%.1f KB", scrape / 1024.0 / ACCOUNTS);
    }

    /** Bytes of the daemon's own classes (not the emulator's), to see whether a closed daemon is really gone. */
    private static long ours(Map<String, Long> histogram) {
        return histogram.entrySet().stream()
                .filter(e -> e.getKey().startsWith("dev.webwxbot.server.") || e.getKey().startsWith("dev.webwxbot.core."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The classes that grew most: ((a − b) − (c − d)) per class, divided by {@code n}. */
    private static String perClass(Map<String, Long> a, Map<String, Long> b, Map<String, Long> c, Map<String, Long> d,
                                   int n, int limit) {
        Set<String> classes = new HashSet<>(a.keySet());
        classes.addAll(b.keySet());
        classes.addAll(c.keySet());
        classes.addAll(d.keySet());
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        for (String name : classes) {
            long bytes = (a.getOrDefault(name, 0L) - b.getOrDefault(name, 0L))
                    - (c.getOrDefault(name, 0L) - d.getOrDefault(name, 0L));
            growth.add(Map.entry(name, bytes));
        }
        growth.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder top = new StringBuilder();
        for (Map.Entry<String, Long> e : growth.subList(0, Math.min(limit, growth.size()))) {
            top.append(String.format(Locale.ROOT, "%s %.2f KB; ", e.getKey(), e.getValue() / 1024.0 / n));
        }
        return top.toString().replace("|", "\\|");
    }
}
