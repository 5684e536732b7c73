package dev.webwxbot.launcher;

import dev.webwxbot.api.event.LoggedOut;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code webwx-bot run}: logs in and runs the plugin chain until the session ends or the process is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Log in (QR code in the terminal) and run the bot until stopped (SIGINT/SIGTERM).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        LauncherSettings settings = options.settings();
        settings.server().ifPresent(server -> System.out.println("[run] every WeChat host is routed to " + server));
        BotRunner runner = new BotRunner(settings, true, new ProgressPrinter(System.out, true));
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "webwx-bot-shutdown"));
        System.out.println("[run] plugins: " + (runner.pluginNames().isEmpty() ? "none" : runner.pluginNames()));
        try {
            runner.start().join();
            LoggedOut end = runner.ended().join();
            System.out.println("[run] session ended: " + end.reason() + (end.code() == 0 ? "" : " (" + end.code() + ")"));
            return end.reason() == LoggedOut.Reason.LOGGED_OUT_BY_CLIENT ? 0 : 3;
        } catch (CompletionException e) {
            System.err.println("[run] " + (e.getCause() == null ? e : e.getCause().getMessage()));
            return 1;
        } finally {
            runner.close();
        }
    }
}
