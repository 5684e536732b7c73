package dev.webwxbot.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * End-to-end load tool: N real sessions of core (one {@link WebWxClient}, real sockets) against one emulator in this
 * JVM, logged in through the emulator's phone API, then a steady stream of friends' messages. It measures
 *
 * <ul>
 *   <li>login throughput and per-session login time;
 *   <li>heap per session after login and GC (all of it, then the client's and the emulator's shares);
 *   <li>live platform threads before and after N sessions (the claim: they do not grow with N);
 *   <li>delivery latency: a friend's message injected on the emulator to the event in the session listener;
 *   <li>reply round trip: that message to {@code Bot.sendText} returning the server's receipt (fast SendLimits);
 *   <li>CPU per thread group (emulator event loop, client event loop, virtual-thread carriers, GC, JIT), so it is
 *       visible which side is the bottleneck.
 * </ul>
 *
 * Not part of the normal build (the name does not end in Test). Run it with
 *
 * <pre>
 * mvn -B -o -pl plugin-api,emulator,core test-compile surefire:test@default-test \
 *     -Dtest=SessionScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dscale.sessions=1000,2000] [-Dscale.rate=100] [-Dscale.seconds=30] [-Dscale.replyEvery=4]
 *     [-Dscale.persist=true]
 * </pre>
 *
 * With {@code scale.persist} each session keeps a data folder as the daemon does (the session file and the
 * journals, in a temporary folder), so the cost of persisting shows in the CPU figures.
 *
 * Defaults (200 sessions, 50 messages/s for 20 s) take about a minute. The table is printed and written to
 * {@code core/target/scale-benchmark.md}.
 */
class SessionScaleBenchmark {

    private static final List<Integer> SESSIONS = Arrays.stream(System.getProperty("scale.sessions", "200").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private static final int RATE = Integer.getInteger("scale.rate", 50);
    private static final int SECONDS = Integer.getInteger("scale.seconds", 20);
    /** Every n-th message asks the bot for a reply; 0 for none. */
    private static final int REPLY_EVERY = Integer.getInteger("scale.replyEvery", 4);
    /** Each session with a session file and journals, as the daemon runs it. */
    private static final boolean PERSIST = Boolean.getBoolean("scale.persist");
    /** Latency windows the load phase is cut into, for an error bar on the percentiles. */
    private static final int WINDOWS = 5;
    /** Fast enough never to bind at these rates: the round trip measures the network path, not pacing. */
    private static final SendLimits FAST = SendLimits.defaults().withGlobalRate(600_000, 1_000)
            .withPerChatRate(600_000, 100).withGaps(Duration.ZERO, Duration.ZERO).withMaxQueued(10_000);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void measureSessionsMemoryThreadsAndLatency() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Machine: %d cores, JDK %s, max heap %d MB; load %d msg/s for %d s, "
                        + "every %d-th asks for a reply%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, RATE, SECONDS,
                REPLY_EVERY));
        for (int n : SESSIONS) {
            report.append(run(n)).append('\n');
            System.out.println(report);
        }
        Path out = Path.of("target", "scale-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** What each session's listener records. */
    private static final class Probe {
        final long[] delivery;
        final long[] roundTrip;
        final long[] sendCall;
        final long[] deliveredAt;
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger replied = new AtomicInteger();
        final AtomicInteger failedReplies = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        Probe(int capacity) {
            delivery = new long[capacity];
            deliveredAt = new long[capacity];
            roundTrip = new long[capacity];
            sendCall = new long[capacity];
        }
    }

    private static String run(int n) throws Exception {
        StringBuilder out = new StringBuilder("### " + n + " sessions\n\n");
        int expected = RATE * SECONDS;
        Probe probe = new Probe(expected + 1_000);
        List<Long> loginNanos = new ArrayList<>();
        Path data = Files.createTempDirectory("scale-benchmark");
        try (Emulator emulator = Emulator.builder().port(0).start()) {
            List<Account> accounts = new ArrayList<>();
            List<Contact> friends = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Account account = emulator.addAccount("Bot " + i);
                accounts.add(account);
                friends.add(account.addFriend("Friend of " + i));
            }
            WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
            boolean clientClosed = false;
            try {
                // Baseline: emulator running with its accounts, client built, nothing logged in.
                long heapBefore = heapAfterGc();
                int threadsBefore = THREADS.getThreadCount();
                Map<String, Long> histogramBefore = histogram();

                long began = System.nanoTime();
                List<CompletableFuture<Long>> online = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Account account = accounts.get(i);
                    AtomicReference<Session> self = new AtomicReference<>();
                    Session session = client.newSession(options(data, i), listener(account, self, probe));
                    self.set(session);
                    long start = System.nanoTime();
                    online.add(session.start().thenApply(contact -> System.nanoTime() - start));
                }
                CompletableFuture.allOf(online.toArray(CompletableFuture[]::new))
                        .get(Math.max(120, n / 5), TimeUnit.SECONDS);
                double loginWall = (System.nanoTime() - began) / 1e9;
                online.forEach(f -> loginNanos.add(f.join()));
                Thread.sleep(2_000); // every session settles into its synccheck long poll

                long heapOnline = heapAfterGc();
                int threadsOnline = THREADS.getThreadCount();
                Map<String, Long> histogramOnline = histogram();
                Map<String, Integer> threadGroups = threadGroups();

                THREADS.resetPeakThreadCount();
                Map<String, Long> cpuBefore = cpuByGroup();
                Map<String, Long> allocatedBefore = allocatedByGroup();
                long cpuProcessBefore = processCpuNanos();
                long[] injectNanos = new long[expected];
                long loadStart = System.nanoTime();
                int sent = drive(friends, probe, injectNanos, loadStart);
                double driveWall = (System.nanoTime() - loadStart) / 1e9;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int wantReplies = REPLY_EVERY == 0 ? 0 : (sent + REPLY_EVERY - 1) / REPLY_EVERY;
                while ((probe.delivered.get() < sent || probe.replied.get() + probe.failedReplies.get() < wantReplies)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                double loadWall = (System.nanoTime() - loadStart) / 1e9;
                Map<String, Long> cpuAfter = cpuByGroup();
                Map<String, Long> allocatedAfter = allocatedByGroup();
                long cpuProcess = processCpuNanos() - cpuProcessBefore;
                int peakThreads = THREADS.getPeakThreadCount();

                out.append("| measure | value |\n|---|---|\n");
                row(out, "login: all online after", "%.1f s (%.0f sessions/s)", loginWall, n / loginWall);
                row(out, "login time per session p50 / p90 / max", "%s / %s / %s ms", ms(loginNanos, 0.5),
                        ms(loginNanos, 0.9), ms(loginNanos, 1.0));
                row(out, "heap after login + GC, per session (client + emulator)", "%.1f KB",
                        (heapOnline - heapBefore) / 1024.0 / n);
                row(out, "platform threads: before sessions / all online / peak under load", "%d / %d / %d",
                        threadsBefore, threadsOnline, peakThreads);
                row(out, "threads by group when online", "%s", threadGroups);
                row(out, "open file descriptors when online (client + emulator) / limit", "%s", fileDescriptors());
                row(out, "messages injected / delivered / achieved rate", "%d / %d / %.1f msg/s", sent,
                        probe.delivered.get(), sent / driveWall);
                row(out, "inject call on the emulator p50 / p99", "%s / %s ms", ms(asList(injectNanos, sent), 0.5),
                        ms(asList(injectNanos, sent), 0.99));
                List<Long> delivery = asList(probe.delivery, probe.delivered.get());
                row(out, "delivery latency p50 / p90 / p99 / p99.9 / max", "%s / %s / %s / %s / %s ms",
                        ms(delivery, 0.5), ms(delivery, 0.9), ms(delivery, 0.99), ms(delivery, 0.999),
                        ms(delivery, 1.0));
                row(out, "delivery p50, p99 per window (mean ± sd over " + WINDOWS + ")", "%s",
                        windows(probe, loadStart, driveWall));
                List<Long> rtt = asList(probe.roundTrip, probe.replied.get());
                List<Long> call = asList(probe.sendCall, probe.replied.get());
                row(out, "replies ok / failed", "%d / %d%s", probe.replied.get(), probe.failedReplies.get(),
                        probe.firstFailure.get() == null ? "" : " (first: " + probe.firstFailure.get() + ")");
                row(out, "reply round trip (inject → Bot.sendText returned) p50 / p90 / p99 / max",
                        "%s / %s / %s / %s ms", ms(rtt, 0.5), ms(rtt, 0.9), ms(rtt, 0.99), ms(rtt, 1.0));
                row(out, "Bot.sendText call alone p50 / p99", "%s / %s ms", ms(call, 0.5), ms(call, 0.99));
                row(out, "process CPU during load", "%.1f s in %.1f s wall (%.0f%% of one core)", cpuProcess / 1e9,
                        loadWall, 100.0 * cpuProcess / 1e9 / loadWall);
                row(out, "process CPU (client + emulator) per delivered message", "%.3f ms",
                        cpuProcess / 1e6 / Math.max(1, probe.delivered.get()));
                row(out, "CPU by thread group during load (s)", "%s; GC, JIT and other JVM-internal threads "
                        + "(not visible to ThreadMXBean) %.1f", cpuDelta(cpuBefore, cpuAfter),
                        Math.max(0, cpuProcess - javaThreadCpu(cpuBefore, cpuAfter)) / 1e9);
                row(out, "heap allocated per delivered message, by thread group (KB)", "%s",
                        perMessageKb(allocatedBefore, allocatedAfter, Math.max(1, probe.delivered.get())));

                // Client's and emulator's shares: the client closed (sessions stopped, not logged out), the
                // emulator's sessions and message logs remain.
                long heapLoaded = heapAfterGc();
                Map<String, Long> histogramLoaded = histogram();
                client.close();
                clientClosed = true;
                Thread.sleep(1_000);
                long heapClientGone = heapAfterGc();
                Map<String, Long> histogramClientGone = histogram();
                row(out, "heap per session after load: client / emulator", "%.1f KB / %.1f KB",
                        (heapLoaded - heapClientGone) / 1024.0 / n, (heapClientGone - heapBefore) / 1024.0 / n);
                row(out, "largest growth per session, login (all classes)", "%s",
                        topGrowth(histogramBefore, histogramOnline, n));
                row(out, "client's largest classes per session after load", "%s",
                        topGrowth(histogramClientGone, histogramLoaded, n));

                assertEquals(sent, probe.delivered.get(), "every injected message reaches its session");
                assertEquals(0, probe.failedReplies.get(), "every reply is accepted");
                // The claim under test: threads come from fixed pools, none per session or long poll.
                assertTrue(threadsOnline - threadsBefore < 16 + 2 * Runtime.getRuntime().availableProcessors(),
                        "threads grew from " + threadsBefore + " to " + threadsOnline + " with " + n + " sessions");
            } finally {
                if (!clientClosed) client.close();
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return out.toString();
    }

    private static SessionOptions options(Path data, int session) {
        SessionOptions options = SessionOptions.defaults().withSendLimits(FAST);
        if (!PERSIST) return options;
        Path folder = data.resolve("account-" + session);
        return options.withSessionFile(folder.resolve("session.json")).withJournalDirectory(folder);
    }

    private static SessionListener listener(Account account, AtomicReference<Session> self, Probe probe) {
        return new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
            }

            @Override
            public void onEvent(BotEvent event) {
                if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return;
                long now = System.nanoTime();
                String[] parts = text.text().split(" ");
                if (parts.length != 3 || !parts[0].equals("load")) return;
                long injected = Long.parseLong(parts[1]);
                int slot = probe.delivered.getAndIncrement();
                if (slot < probe.delivery.length) {
                    probe.delivery[slot] = now - injected;
                    probe.deliveredAt[slot] = now;
                }
                if (!parts[2].equals("reply")) return;
                // As a plugin would: off the event loop, blocking in Bot.send until the server answered.
                Thread.startVirtualThread(() -> {
                    long call = System.nanoTime();
                    SendReceipt receipt = self.get().bot().sendText(text.chat(), "pong " + injected);
                    long done = System.nanoTime();
                    if (!receipt.ok()) {
                        probe.failedReplies.incrementAndGet();
                        probe.firstFailure.compareAndSet(null, receipt.toString());
                        return;
                    }
                    int r = probe.replied.getAndIncrement();
                    if (r < probe.roundTrip.length) {
                        probe.roundTrip[r] = done - injected;
                        probe.sendCall[r] = done - call;
                    }
                });
            }
        };
    }

    /**
     * Injects RATE messages a second for SECONDS seconds from random friends, on schedule (catching up if behind,
     * never sending ahead). The text carries the injection time.
     */
    private static int drive(List<Contact> friends, Probe probe, long[] injectNanos, long start) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int total = injectNanos.length;
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            Contact friend = friends.get(random.nextInt(friends.size()));
            boolean reply = REPLY_EVERY > 0 && i % REPLY_EVERY == 0;
            long now = System.nanoTime();
            friend.sendText("load " + now + (reply ? " reply" : " quiet"));
            injectNanos[i] = System.nanoTime() - now;
        }
        return total;
    }

    /** p50 and p99 of delivery in each of WINDOWS equal slices of the load, as mean ± standard deviation. */
    private static String windows(Probe probe, long start, double wallSeconds) {
        int count = Math.min(probe.delivered.get(), probe.delivery.length);
        long width = (long) (wallSeconds * 1e9 / WINDOWS);
        List<List<Long>> slices = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) slices.add(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            int w = (int) Math.min(WINDOWS - 1, Math.max(0, (probe.deliveredAt[i] - start) / width));
            slices.get(w).add(probe.delivery[i]);
        }
        double[] p50 = slices.stream().filter(s -> !s.isEmpty()).mapToDouble(s -> quantile(s, 0.5) / 1e6).toArray();
        double[] p99 = slices.stream().filter(s -> !s.isEmpty()).mapToDouble(s -> quantile(s, 0.99) / 1e6).toArray();
        return String.format(Locale.ROOT, "p50 %.2f ± %.2f ms, p99 %.2f ± %.2f ms", mean(p50), sd(p50), mean(p99),
                sd(p99));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double sd(double[] values) {
        double m = mean(values);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / Math.max(1, values.length - 1));
    }

    private static List<Long> asList(long[] values, int count) {
        return Arrays.stream(values, 0, Math.min(count, values.length)).boxed().toList();
    }

    private static long quantile(List<Long> values, double q) {
        if (values.isEmpty()) return -1;
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1; // nearest-rank definition
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    private static String ms(List<Long> nanos, double q) {
        return String.format(Locale.ROOT, "%.2f", quantile(nanos, q) / 1e6);
    }

    private static void row(StringBuilder out, String name, String format, Object... args) {
        out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, format, args)).append(" |\n");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Both ends of every loopback connection live in this JVM, so this counts each connection twice. */
    private static String fileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount() + " / " + unix.getMaxFileDescriptorCount();
        }
        return "n/a";
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Live platform threads by role: the emulator's and the client's event loops, carriers, the rest. */
    private static Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) groups.merge(group(info.getThreadName()), 1, Integer::sum);
        }
        return groups;
    }

    private static Map<String, Long> cpuByGroup() {
        return sumByGroup(THREADS::getThreadCpuTime);
    }

    /** {@code perThread} of every live thread, summed by {@link #group}; non-positive values are skipped. */
    private static Map<String, Long> sumByGroup(LongUnaryOperator perThread) {
        Map<String, Long> sums = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long value = perThread.applyAsLong(ids[i]);
            if (infos[i] != null && value > 0) sums.merge(group(infos[i].getThreadName()), value, Long::sum);
        }
        return sums;
    }

    /**
     * Bytes allocated so far per thread group (virtual threads count on their carriers): unlike CPU time, hardly
     * moved by the other tenants of a shared machine, so a change's effect on allocation shows in one run.
     */
    private static Map<String, Long> allocatedByGroup() {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean counting)) return new HashMap<>();
        return sumByGroup(counting::getThreadAllocatedBytes);
    }

    private static String perMessageKb(Map<String, Long> before, Map<String, Long> after, int messages) {
        Map<String, String> perMessage = new LinkedHashMap<>();
        after.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            double kb = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1024.0 / messages;
            if (kb >= 0.05) perMessage.put(e.getKey(), String.format(Locale.ROOT, "%.1f", kb));
        });
        return perMessage.toString();
    }

    /** Groups by name; threads that ended between two samples are lost, so deltas are floored at 0. */
    private static String cpuDelta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> delta = new LinkedHashMap<>();
        after.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            double seconds = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9;
            if (seconds >= 0.05) delta.put(e.getKey(), String.format(Locale.ROOT, "%.1f", seconds));
        });
        return delta.toString();
    }

    private static long javaThreadCpu(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    private static String group(String name) {
        if (name.startsWith("emulator-io")) return "emulator-io";
        if (name.startsWith("webwx-io")) return "client-io";
        if (name.startsWith("ForkJoinPool")) return "vthread-carriers";
        if (name.startsWith("GC ") || name.startsWith("G1 ")) return "gc";
        if (name.contains("CompilerThread")) return "jit";
        if (name.startsWith("main") || name.startsWith("surefire")) return "driver";
        return "other";
    }

    /** Bytes per class from a full-GC class histogram (the DiagnosticCommand MBean: no external jcmd). */
    private static Map<String, Long> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4 || !cols[0].endsWith(":")) continue;
            bytes.merge(cols[3], Long.parseLong(cols[2]), Long::sum);
        }
        return bytes;
    }

    private static String topGrowth(Map<String, Long> before, Map<String, Long> after, int n) {
        StringBuilder top = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> top.append(String.format(Locale.ROOT, "%s %.1f KB; ", e.getKey(),
                        e.getValue() / 1024.0 / n)));
        return top.toString().replace("|", "\\|");
    }
}
