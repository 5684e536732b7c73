package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.chain.PluginStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot run}: the bot as a daemon. Logs in (or resumes the saved session), runs the plugin chain and
 * the control socket until the session ends or the process gets SIGTERM/SIGINT, then stops cleanly so the next
 * start resumes without a scan.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Log in (QR code in the terminal and in DATA_DIR/login-qr.png) and run the bot until stopped"
                + " (SIGINT/SIGTERM); the next start resumes the session without a scan.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    RecordOption record;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LauncherSettings settings = record.applyTo(options.settings());
        LogFiles.underDataDir(settings.dataDir());
        Config config = options.operatorConfig();
        settings.server().ifPresent(server -> out.println("[run] every WeChat host is routed to " + server));
        settings.record().ifPresent(file -> out.println("[run] recording every HTTP exchange to " + file
                + " (secrets masked; messages and contact names are kept)"));
        Daemon daemon = Daemon.start(settings, options.configFile(), config, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            daemon.close();
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
            if (daemon.servesMany()) {
                out.println("[run] accounts: " + daemon.server().accounts().list().stream().map(a -> a.id()).toList()
                        + "; running until stopped with Ctrl-C or SIGTERM");
                out.flush();
                stopped.await(); // each account logs in, out and in again on its own; only a signal ends the daemon
                return 0;
            }
            daemon.online().join();
            out.println("[run] running; stop with Ctrl-C or SIGTERM. Manage plugins with: webwx-bot plugins list");
            out.flush();
            LoggedOut end = daemon.ended().join();
            out.println("[run] session ended: " + end.reason() + (end.code() == 0 ? "" : " (" + end.code() + ")"));
            return end.reason() == LoggedOut.Reason.LOGGED_OUT_BY_CLIENT ? 0 : 3;
        } catch (CompletionException e) {
            spec.commandLine().getErr().println("[run] " + (e.getCause() == null ? e : e.getCause().getMessage()));
            return 1;
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
}
