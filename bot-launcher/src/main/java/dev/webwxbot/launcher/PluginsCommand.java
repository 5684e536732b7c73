package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import dev.webwxbot.safeoutput.TerminalText;
import dev.webwxbot.server.InvalidConfigException;
import dev.webwxbot.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code webwx-bot plugins ...}: talks to the running daemon over its control socket in the data folder, so
 * plugins can be listed, enabled, disabled and reloaded, and dispatch traces read, while the session stays online.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Manage the plugins of the running bot (webwx-bot run) through its control socket.")
final class PluginsCommand implements Callable<Integer> {

    /** Exit code when no daemon answers on the control socket. */
    static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Sends a request to the daemon of {@code options}' data folder and prints the answer. */
    private static int send(CommonOptions options, CommandSpec spec, String request) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path socket = dataDir(options, err).resolve(ControlServer.SOCKET_FILE);
        if (!Files.exists(socket)) {
            err.println("webwx-bot: no running bot found: " + socket.toAbsolutePath() + " does not exist"
                    + " (start it with 'webwx-bot run', with the same --data-dir)");
            return NOT_RUNNING;
        }
        String answer;
        try {
            answer = ControlServer.request(socket, request);
        } catch (IOException e) {
            err.println("webwx-bot: the bot at " + socket.toAbsolutePath() + " does not answer: " + e.getMessage());
            return NOT_RUNNING;
        }
        int newline = answer.indexOf('\n');
        String status = newline < 0 ? answer : answer.substring(0, newline);
        String body = newline < 0 ? "" : answer.substring(newline + 1);
        // Names in the answer come from the network: keep them from steering the terminal.
        body.lines().forEach(line -> out.println(TerminalText.clean(line)));
        if (status.startsWith(PluginControl.ERROR)) {
            err.println("webwx-bot: " + TerminalText.clean(status.substring(PluginControl.ERROR.length())));
            return 1;
        }
        out.flush();
        return 0;
    }

    /**
     * The data folder of the bot to ask. A configuration file with mistakes does not stop this: a running bot refused
     * them and keeps its previous configuration, which is just what the operator wants to look at now.
     */
    private static Path dataDir(CommonOptions options, PrintWriter err) {
        try {
            return options.settings().dataDir();
        } catch (InvalidConfigException mistakes) {
            err.println("webwx-bot: note: " + mistakes.getMessage().replace("\n", "\n  "));
            err.println("  (a running bot refused these and keeps its previous configuration)");
            if (options.dataDir != null) return options.dataDir;
            Config unchecked = ServerConfig.loadUnchecked(Optional.of(options.configFile()));
            return Path.of(unchecked.getString(LauncherSettings.ROOT + ".data-dir"));
        }
    }

    // Subcommands as methods: each is one request to the daemon, so a class apiece would only repeat itself.

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every plugin, its state and counters.")
    int list(@Mixin CommonOptions options) {
        return send(options, spec, "list");
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Put a plugin back into the chain (also closes a tripped circuit breaker).")
    int enable(@Mixin CommonOptions options, @Parameters(paramLabel = "ID") String id) {
        return send(options, spec, "enable " + id);
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Take a plugin out of the chain until enabled again or the bot restarts.")
    int disable(@Mixin CommonOptions options, @Parameters(paramLabel = "ID") String id) {
        return send(options, spec, "disable " + id);
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Load a plugin's jar again (after replacing it), configured afresh.")
    int reload(@Mixin CommonOptions options, @Parameters(paramLabel = "ID") String id) {
        return send(options, spec, "reload " + id);
    }

    @Command(name = "rescan", mixinStandardHelpOptions = true,
            description = "Load new jars, reload replaced ones, drop removed ones (the daemon also does this by itself).")
    int rescan(@Mixin CommonOptions options) {
        return send(options, spec, "rescan");
    }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Why did (or didn't) the bot answer? The recent events and what each plugin did with them.")
    int trace(@Mixin CommonOptions options,
              @Option(names = "--chat", paramLabel = "NAME", description = "only this chat (its name or remark name)")
              String chat,
              @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                      description = "at most N events (default: ${DEFAULT-VALUE})") int limit) {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
        return send(options, spec, "trace " + limit + (chat == null ? "" : " " + chat));
    }
}
