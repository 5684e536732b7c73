package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.Contact;
import dev.webwxbot.core.LoginHeldException;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.server.DaemonRole;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot run}: the bot as a daemon. Logs in (or resumes the saved session), runs the plugin chain and
 * the control socket until the session ends or the process gets SIGTERM/SIGINT, then stops cleanly so the next
 * start resumes without a scan. One {@code run} per data folder ({@link DataDirLock}). Stopped by a signal, the
 * process exits with the JVM's status for it, 128 + the signal number: 143 for SIGTERM, 130 for SIGINT (Ctrl-C),
 * after a clean stop.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Log in (QR code in the terminal and in DATA_DIR/login-qr.png) and run the bot until stopped"
                + " (SIGINT/SIGTERM); the next start resumes the session without a scan.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    RecordOption record;

    @Option(names = "--qr-colors", paramLabel = "auto|dark|light|ansi", defaultValue = "auto",
            completionCandidates = QrTerminal.Colors.Names.class,
            description = "how the login QR code is drawn: auto (default: black on white by colour codes on a terminal,"
                    + " else dark), dark or light (for a terminal with that background; no colour codes), ansi (colour"
                    + " codes even when not a terminal)")
    QrTerminal.Colors qrColors = QrTerminal.Colors.AUTO;

    @Option(names = "--role", paramLabel = "gateway|worker|both", defaultValue = "both",
            description = "in a cluster (webwx-bot.cluster in the configuration): gateway holds the accounts' sessions"
                    + " and publishes their events to Redis Streams, loading no plugin; worker runs the plugin chain for"
                    + " the accounts it takes, answering through their gateways; both (default) does both in this"
                    + " process, with no stream between them. See docs/cluster.md")
    String role = "both";

    @Spec
    CommandSpec spec;

    /** Set by the shutdown hook: a signal is stopping the bot. */
    private final AtomicBoolean signalled = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        DaemonRole daemonRole = DaemonRole.named(role); // a wrong role is refused before anything starts
        LauncherSettings settings = record.applyTo(options.settings());
        // Before anything else touches the data folder: a second bot must not even resume the session.
        DataDirLock lock = DataDirLock.acquire(settings.dataDir(), "run");
        try {
            return run(settings, daemonRole);
        } finally {
            // Stopped by a signal, the hook may still be saving: the lock goes with the process, when it exits.
            if (!signalled.get()) lock.close();
        }
    }

    private int run(LauncherSettings settings, DaemonRole daemonRole) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LogFiles.underDataDir(settings.dataDir());
        Config config = options.operatorConfig();
        settings.server().ifPresent(server -> out.println("[run] every WeChat host is routed to " + server));
        settings.record().ifPresent(file -> out.println("[run] recording every HTTP exchange to " + file
                + " (secrets masked; messages and contact names are kept)"));
        Daemon daemon = Daemon.start(settings, options.configFile(), config, out, qrColors, daemonRole);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            signalled.set(true); // first: the session's end this close causes is no news for the main thread
            boolean many = daemon.servesMany();
            boolean wasOnline = daemon.online().isDone() && !daemon.online().isCompletedExceptionally();
            daemon.close();
            out.println(stopLine(many, wasOnline));
            out.flush();
            stopped.countDown();
        }, "webwx-bot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String> plugins = daemon.server().plugins().list().stream()
                .filter(p -> p.state() == PluginStatus.State.ACTIVE).map(p -> p.id() + " " + p.version()).toList();
        out.println("[run] plugins: " + (plugins.isEmpty() ? "none" : plugins));
        daemon.server().api().ifPresent(api -> out.println("[run] HTTP API on port " + api.port()
                + " (token in " + settings.dataDir().resolve("api-token") + " unless configured)"));
        out.flush();
        try {
            if (daemon.servesMany() || daemonRole != DaemonRole.BOTH) {
                String accounts = daemon.server().accounts().list().stream().map(a -> a.id()).toList().toString();
                out.println("[run] " + switch (daemonRole) {
                    case WORKER -> "worker: running the plugin chain for the accounts the gateways run, as it takes them";
                    case GATEWAY -> "gateway: holding the sessions of " + accounts + " as it takes them";
                    case BOTH -> "accounts: " + accounts;
                } + "; running until stopped with Ctrl-C or SIGTERM");
                out.flush();
                stopped.await(); // each account logs in, out and in again on its own; only a signal ends the daemon
                return 0;
            }
            awaitOnline(daemon, out);
            out.println("[run] running; stop with Ctrl-C or SIGTERM. Manage plugins with: webwx-bot plugins list");
            out.flush();
            LoggedOut end = daemon.ended().join();
            if (signalled.get()) return 0; // the shutdown hook says how it stopped; the JVM sets the exit status
            out.println("[run] session ended: " + end.reason() + (end.code() == 0 ? "" : " (" + end.code() + ")")
                    + (end.reason() == LoggedOut.Reason.LOGGED_OUT_BY_CLIENT ? "" : "; the next run needs a new scan"));
            return end.reason() == LoggedOut.Reason.LOGGED_OUT_BY_CLIENT ? 0 : 3;
        } catch (CompletionException e) {
            if (signalled.get()) return 0; // a login cut short by the stop: not a failure
            spec.commandLine().getErr().println("[run] " + (e.getCause() == null ? e : e.getCause().getMessage()));
            return held(e).isPresent() ? Main.LOGIN_HELD : 1;
        } finally {
            out.flush();
            daemon.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Stopped by a signal: the hook is already running.
            }
        }
    }

    /**
     * Waits until the account is online. A login the login-churn guard holds back until a given time is waited out
     * here, not by exiting: the account logs in again by itself then (a new login, so a new future), and a service
     * manager restarting the process meanwhile would only add held starts. A hold that waits for the operator ends
     * the run (exit code {@link Main#LOGIN_HELD}, which the example systemd unit does not restart).
     */
    private void awaitOnline(Daemon daemon, PrintWriter out) throws InterruptedException {
        while (true) {
            CompletableFuture<Contact> login = daemon.online();
            try {
                login.join();
                return;
            } catch (CompletionException e) {
                Optional<LoginHeldException> held = held(e);
                if (held.isEmpty() || held.get().event().waitsForOperator() || signalled.get()) throw e;
                out.println("[run] " + held.get().getMessage());
                out.flush();
                while (daemon.online() == login && !signalled.get()) Thread.sleep(500);
                if (signalled.get()) throw e;
            }
        }
    }

    /** The login guard's hold behind a failed login, if that is why it failed. */
    private static Optional<LoginHeldException> held(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LoginHeldException held) return Optional.of(held);
        }
        return Optional.empty();
    }

    /**
     * What a stop by SIGTERM/SIGINT prints: not the session's end reason (the client ended it, which would read
     * like a logout), but that the login is kept.
     */
    static String stopLine(boolean manyAccounts, boolean wasOnline) {
        if (manyAccounts) return "[run] stopped (sessions kept; the next run resumes the logged-in accounts without a scan)";
        return wasOnline ? "[run] stopped (session kept; the next run resumes without a scan)"
                : "[run] stopped before the login completed";
    }
}
