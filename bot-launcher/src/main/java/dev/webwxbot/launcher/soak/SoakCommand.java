package dev.webwxbot.launcher.soak;

import dev.webwxbot.launcher.InstallationRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot soak}: the fault soak of {@link Soak} against this installation's own {@code bin/webwx-bot}.
 * Exit code 0 when every message was answered exactly once, 1 otherwise.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Fault soak: run this installation's bot as a child process against an in-process emulator"
                + " that faults requests, kill -9 and SIGTERM it at seeded times, and count numbered messages"
                + " answered, lost and answered twice. Loopback only.")
public final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "2000", description = "messages (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "25",
            description = "messages written per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--fault-rate", paramLabel = "R", defaultValue = "0.15",
            description = "share of requests faulted, 0 to <1 (default: ${DEFAULT-VALUE})")
    double faultRate;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "3", description = "kill -9 restarts (default: ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--restarts", paramLabel = "G", defaultValue = "2",
            description = "SIGTERM restarts (default: ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the fault draws and restart times (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fault-login",
            description = "also fault the login and session set-up endpoints (restarts may then need the phone)")
    boolean faultLogin;

    @Option(names = "--settle-quiet", paramLabel = "DURATION", defaultValue = "PT20S",
            description = "stop waiting for answers once none came for this long (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration settleQuiet;

    @Option(names = "--max-settle", paramLabel = "DURATION", defaultValue = "PT3M",
            description = "wait for answers at most this long after the last message (default: ${DEFAULT-VALUE})")
    Duration maxSettle;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where the bot's configuration, data, logs and output go (default: a new temporary folder)")
    Path workDir;

    @Mixin
    InstallationRun installation;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = installation.home();
        // Checked before a temporary folder is made for it, so a mistake leaves nothing behind.
        plan(home, Path.of("."));
        SoakPlan plan = plan(home, InstallationRun.workFolder(workDir, "webwx-soak-"));
        SoakReport report = Soak.run(plan, out);
        out.println(report.summary());
        out.flush();
        return report.clean() ? 0 : 1;
    }

    private SoakPlan plan(Path home, Path work) {
        return new SoakPlan(messages, rate, faultRate, kills, restarts, seed, faultLogin, settleQuiet, maxSettle,
                home.toAbsolutePath(), work.toAbsolutePath());
    }
}
