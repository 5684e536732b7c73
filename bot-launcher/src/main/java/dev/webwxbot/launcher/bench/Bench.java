package dev.webwxbot.launcher.bench;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end benchmark: one emulator in this process, and each client in a process of its own (so the client's
 * CPU and memory are its alone), one after the other on that emulator. Each {@link Load} is measured on a fresh start
 * of each client in turn (log in, {@link BenchPlan#warmup} messages, the load, stop). Then our daemon with
 * {@link BenchPlan#accounts} accounts the same way, then cold starts to the QR code. Every message is a friend's
 * {@code bench N}; both clients only echo it.
 *
 * <p>Not reusable: one instance, one run.
 */
final class Bench {

    static final String CONFIG_FILE = "bench.conf";
    /** The bound of a start to a QR code, and of one account's login. */
    private static final Duration STEP = Duration.ofSeconds(120);

    /**
     * Our daemon's configuration: the send limits far out of reach, the loop breaker and the send ceilings off (the
     * issue measures the client, not its pacing)
     * and only the echo plugin answering.
     */
    static final String SETTINGS = """
            webwx-bot {
              send {
                global-per-minute = 1000000000, global-burst = 1000000
                per-chat-per-minute = 1000000000, per-chat-burst = 1000000
                min-gap = 0s, max-gap = 0s
                max-queued = 10000000
              }
              # The load answers faster than any person: the loop breaker and the ceilings would pause it.
              safety.loops { enabled = false, account-ceiling = 0 }
            }
            plugins.auto-reply.enabled = false
            """;

    private final BenchPlan plan;
    private final PrintWriter out;
    private final long selfPid = ProcessHandle.current().pid();
    private final long startNanos = System.nanoTime();
    private Emulator emulator;
    private PrintWriter transcript;

    private Bench(BenchPlan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
    }

    /** Runs the plan, printing progress to {@code out}; returns every figure (whatever they are). */
    static BenchReport run(BenchPlan plan, PrintWriter out) throws IOException, InterruptedException {
        if (!ProcFs.available()) throw new IllegalStateException("the benchmark reads /proc: it runs on Linux only");
        return new Bench(plan, out).run();
    }

    private BenchReport run() throws IOException, InterruptedException {
        Files.createDirectories(plan.workDir());
        String loadBefore = Machine.loadAverage();
        try (Emulator emu = Emulator.builder().port(0).maxRecordedRequests(0).start();
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(plan.workDir().resolve("clients-output.log")))) {
            emulator = emu;
            transcript = log;
            // Load by load, the clients taking turns: each pair of rows is measured minutes apart at most.
            Map<Client, List<PhaseResult>> perClient = new EnumMap<>(Client.class);
            List<Load> loads = plan.loads();
            for (int i = 0; i < loads.size(); i++) {
                for (Client client : Client.values()) {
                    perClient.computeIfAbsent(client, c -> new ArrayList<>())
                            .add(fresh(client, 1, loads.get(i), client.label() + "-" + (i + 1)).phase());
                }
            }
            ManyAccounts many = plan.accounts() > 0 ? manyAccounts() : null;
            Map<Client, List<Double>> coldStarts = coldStarts();
            return new BenchReport(plan, Machine.describe(), loadBefore, Machine.loadAverage(), perClient, many,
                    coldStarts, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    /** The many-account daemon's figures: each phase's time from the start to every account online, and the phase. */
    record ManyAccounts(int accounts, List<Double> loginSeconds, List<PhaseResult> phases) {
    }

    private ManyAccounts manyAccounts() throws IOException, InterruptedException {
        List<Double> logins = new ArrayList<>();
        List<PhaseResult> results = new ArrayList<>();
        for (Load load : plan.accountsLoads()) {
            Measured run = fresh(Client.OURS, plan.accounts(), load, "ours-" + plan.accounts() + "-accounts-"
                    + (results.size() + 1));
            logins.add(run.loginSeconds());
            results.add(run.phase());
        }
        return new ManyAccounts(plan.accounts(), logins, results);
    }

    private record Measured(double loginSeconds, PhaseResult phase) {
    }

    /**
     * One phase from scratch, so no backlog of an earlier phase (nor its peak RSS) is counted in it: new accounts on
     * the emulator, the client started with an empty data folder and logged in, the warm-up, then {@code load}
     * measured, then the client stopped. One account has {@link BenchPlan#friends} friends; many have one each, and
     * messages go to the accounts in turn.
     */
    private Measured fresh(Client client, int accounts, Load load, String name) throws IOException, InterruptedException {
        List<Account> phones = new ArrayList<>();
        List<Contact> senders = new ArrayList<>();
        StringBuilder config = new StringBuilder();
        if (accounts > 1) config.append("webwx-bot.accounts {\n");
        for (int i = 1; i <= accounts; i++) {
            Account account = emulator.addAccount(String.format(Locale.ROOT, "%s-%04d", name, i));
            phones.add(account);
            for (int f = 1; f <= (accounts == 1 ? plan.friends() : 1); f++) {
                senders.add(account.addFriend("Friend " + f + " of " + i));
            }
            if (accounts > 1) config.append(String.format(Locale.ROOT, "  a%04d {}%n", i));
        }
        if (accounts > 1) config.append("}\n");
        config.append(SETTINGS);
        ReplyLedger ledger = new ReplyLedger(plan.warmup() + load.messages());
        phones.forEach(phone -> phone.onConversation(ledger::onLine));
        Path dir = Files.createDirectories(plan.workDir().resolve(name));
        if (client == Client.OURS) Files.writeString(dir.resolve(CONFIG_FILE), config);
        QrWatcher qr = new QrWatcher(client, phones);
        String who = client.label() + (accounts > 1 ? " ×" + accounts : "");
        try (ClientProcess process = start(client, dir, qr)) {
            qr.awaitAllOnline(process, STEP.multipliedBy(Math.max(1, accounts / 200)));
            double loginSeconds = (System.nanoTime() - process.startNanos()) / 1e9;
            say(String.format(Locale.ROOT, "%s online %.1f s after its start (pid %d)", who, loginSeconds, process.pid()));
            if (plan.warmup() > 0) {
                PhaseResult warm = phase(process, ledger, senders, new Load.ClosedLoop(plan.window(), plan.warmup()), 1);
                say(who + " warmed up: " + warm.timings().answered() + " of " + plan.warmup() + " answered");
            }
            PhaseResult result = phase(process, ledger, senders, load, plan.warmup() + 1);
            say(String.format(Locale.ROOT, "%s %s: %,.0f msg/s, p50 %.1f ms, p99 %.1f ms, CPU %.3f ms/msg, lost %d",
                    who, load.label(), result.timings().perSecond(), result.timings().p50Millis(),
                    result.timings().p99Millis(), result.clientCpuPerMessage(), result.lost()));
            if (!process.isAlive()) throw new IllegalStateException(who + " exited during the run:\n" + process.tail());
            return new Measured(loginSeconds, result);
        }
    }

    /** Cold starts to the QR code, the clients taking turns; milliseconds from process start to the QR line. */
    private Map<Client, List<Double>> coldStarts() throws IOException, InterruptedException {
        Map<Client, List<Double>> starts = new EnumMap<>(Client.class);
        for (int run = 1; run <= plan.coldStarts(); run++) {
            for (Client client : Client.values()) {
                Path dir = Files.createDirectories(plan.workDir().resolve("cold").resolve(client.label() + "-" + run));
                if (client == Client.OURS) Files.writeString(dir.resolve(CONFIG_FILE), SETTINGS);
                QrWatcher qr = new QrWatcher(client, List.of());
                try (ClientProcess process = start(client, dir, qr)) {
                    double millis = (qr.awaitFirstQr(process, STEP) - process.startNanos()) / 1e6;
                    starts.computeIfAbsent(client, c -> new ArrayList<>()).add(millis);
                }
            }
        }
        if (plan.coldStarts() > 0) say("cold starts done: " + starts);
        return starts;
    }

    private ClientProcess start(Client client, Path dir, QrWatcher qr) throws IOException {
        String server = emulator.baseUrl();
        return ClientProcess.start(client.command(plan, dir, server), client.directory(plan, dir),
                client.environment(plan, dir, server), qr, transcript, client.label());
    }

    /** One phase: messages {@code from} … injected as {@code load} says, then answers awaited, then counted. */
    private PhaseResult phase(ClientProcess process, ReplyLedger ledger, List<Contact> senders, Load load, int from)
            throws InterruptedException {
        int to = from + load.messages();
        long clientCpu = ProcFs.cpuMillis(process.pid());
        long selfCpu = ProcFs.cpuMillis(selfPid);
        int sent = switch (load) {
            case Load.FixedRate fixed -> injectAtRate(fixed.perSecond(), from, to, senders);
            case Load.ClosedLoop closed -> injectClosed(closed.window(), from, to, senders, ledger);
        };
        settle(ledger, from, from + sent);
        clientCpu = ProcFs.cpuMillis(process.pid()) - clientCpu;
        selfCpu = ProcFs.cpuMillis(selfPid) - selfCpu;
        ReplyLedger.Timings timings = ledger.timings(from, to);
        return new PhaseResult(load, timings, sent - timings.answered(), clientCpu, selfCpu,
                ProcFs.peakRssKb(process.pid()));
    }

    /** Evenly spaced by absolute due times, so a late wake-up catches up instead of lowering the rate. */
    private static int injectAtRate(double perSecond, int from, int to, List<Contact> senders)
            throws InterruptedException {
        long start = System.nanoTime();
        double interval = 1e9 / perSecond;
        for (int n = from; n < to; n++) {
            long wait = start + (long) ((n - from) * interval) - System.nanoTime();
            if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
            senders.get(n % senders.size()).sendText(ReplyLedger.text(n));
        }
        return to - from;
    }

    /** As fast as the window allows; stops early (the rest counted as not sent) when no answer frees a place. */
    private int injectClosed(int window, int from, int to, List<Contact> senders, ReplyLedger ledger)
            throws InterruptedException {
        Semaphore places = new Semaphore(window);
        ledger.releaseInto(places);
        try {
            for (int n = from; n < to; n++) {
                if (!places.tryAcquire(plan.settleQuiet().toNanos(), TimeUnit.NANOSECONDS)) {
                    say("closed loop stalled: no answer for " + plan.settleQuiet().toSeconds() + " s");
                    return n - from;
                }
                senders.get(n % senders.size()).sendText(ReplyLedger.text(n));
            }
            return to - from;
        } finally {
            ledger.releaseInto(null);
        }
    }

    /** Until every message sent is answered, or none was for the quiet period, or at most the maximum. */
    private void settle(ReplyLedger ledger, int from, int to) throws InterruptedException {
        long start = System.nanoTime();
        while (ledger.answeredIn(from, to) < to - from) {
            long waited = System.nanoTime() - start;
            if (Math.min(ledger.nanosSinceLastAnswer(), waited) >= plan.settleQuiet().toNanos()
                    || waited >= plan.maxSettle().toNanos()) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private void say(String line) {
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        out.println("[bench] " + seconds + " s: " + line);
        out.flush();
    }
}
