package dev.webwxbot.launcher.bench;

import dev.webwxbot.launcher.InstallationRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot bench}: the end-to-end benchmark of {@link Bench}, this installation's own {@code bin/webwx-bot}
 * against wechat4u. Exit code 0 when no message was lost and every figure is there, 1 otherwise.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmark: this installation's bot and wechat4u (Node.js), each in its own process,"
                + " echo messages of an in-process emulator one after the other at fixed rates and in a closed loop;"
                + " reports msgs/s, inject-to-reply latency, CPU per message and peak RSS from /proc, lost messages,"
                + " a many-account daemon and cold starts to the QR code. Linux, loopback only; needs node and npm.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND", defaultValue = "100,1000,5000",
            description = "fixed offered rates, one phase each (default: ${DEFAULT-VALUE})")
    List<Double> rates;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "length of each fixed-rate phase (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--closed-messages", paramLabel = "N", defaultValue = "10000",
            description = "messages of the closed-loop phase, 0 for none (default: ${DEFAULT-VALUE})")
    int closedMessages;

    @Option(names = "--window", paramLabel = "N", defaultValue = "500",
            description = "the closed loop's most unanswered messages (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000",
            description = "messages answered before measuring (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--friends", paramLabel = "N", defaultValue = "50",
            description = "friends writing to each client's account, in turn (default: ${DEFAULT-VALUE})")
    int friends;

    @Option(names = "--cold-starts", paramLabel = "N", defaultValue = "5",
            description = "starts to the QR code per client, 0 for none (default: ${DEFAULT-VALUE})")
    int coldStarts;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1000",
            description = "accounts of the many-account daemon, 0 to skip it (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--accounts-rates", split = ",", paramLabel = "PER_SECOND", defaultValue = "100,1000",
            description = "fixed total rates of the many-account daemon (default: ${DEFAULT-VALUE})")
    List<Double> accountsRates;

    @Option(names = "--settle-quiet", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "after a phase, stop waiting for answers once none came for this long (default: ${DEFAULT-VALUE})")
    Duration settleQuiet;

    @Option(names = "--max-settle", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "after a phase, wait for answers at most this long (default: ${DEFAULT-VALUE})")
    Duration maxSettle;

    @Option(names = "--java-opts", paramLabel = "OPTS",
            description = "JVM options of our daemon (WEBWX_JAVA_OPTS; default: the distribution's defaults)")
    String javaOpts;

    @Mixin
    InstallationRun installation;

    @Option(names = "--wechat4u-sources", paramLabel = "DIR", defaultValue = "emulator/interop/wechat4u",
            description = "the emulator's wechat4u interop folder (default: ${DEFAULT-VALUE}, from a checkout's root)")
    Path wechat4uSources;

    @Option(names = "--wechat4u-home", paramLabel = "DIR", defaultValue = "emulator/target/wechat4u-interop",
            description = "where wechat4u is installed with npm ci, or already is (default: ${DEFAULT-VALUE},"
                    + " where the emulator's tests install it)")
    Path wechat4uHome;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where configuration, data, logs, the clients' output and bench-e2e.md go (default: a new temporary folder)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = installation.home();
        if (!Wechat4uInstall.nodeRuns()) {
            throw new IllegalArgumentException("node and npm must be installed: the benchmark runs wechat4u beside our bot");
        }
        // Checked before a temporary folder is made for it, so a mistake leaves nothing behind.
        plan(home, wechat4uHome, Path.of("."));
        Path installed = Wechat4uInstall.ensure(wechat4uSources, wechat4uHome).toAbsolutePath();
        BenchPlan plan = plan(home, installed, InstallationRun.workFolder(workDir, "webwx-bench-"));
        out.println("[bench] work folder " + plan.workDir());
        out.flush();
        BenchReport report = Bench.run(plan, out);
        String markdown = report.markdown();
        Files.writeString(plan.workDir().resolve("bench-e2e.md"), markdown);
        out.println();
        out.println(markdown);
        out.println("[bench] written to " + plan.workDir().resolve("bench-e2e.md"));
        out.flush();
        return report.clean() ? 0 : 1;
    }

    private BenchPlan plan(Path home, Path wechat4u, Path work) {
        return new BenchPlan(rates, seconds, closedMessages, window, warmup, friends, coldStarts, accounts,
                accountsRates, settleQuiet, maxSettle, Optional.ofNullable(javaOpts), home.toAbsolutePath(),
                wechat4u.toAbsolutePath(), work.toAbsolutePath());
    }
}
