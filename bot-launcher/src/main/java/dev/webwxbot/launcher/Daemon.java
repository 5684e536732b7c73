package dev.webwxbot.launcher;

import dev.webwxbot.server.account.AccountConfig;
import dev.webwxbot.server.account.AccountConfigs;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonRole;
import dev.webwxbot.server.InvalidConfigException;
import dev.webwxbot.server.ServerSettings;
import dev.webwxbot.server.account.Account;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code webwx-bot run} keeps running: the {@link BotServer} (every account, the plugins, the API), each
 * account's QR code printed (and saved as a PNG in its folder by the server), the control socket for
 * {@code webwx-bot plugins ...}, and watchers that re-read the configuration file and rescan the plugins folder when
 * they change. {@link #close()} (from the SIGTERM/SIGINT hook or the end of the session) stops the watchers and the
 * control socket, then the server, whose accounts drain and save their sessions so the next start needs no scan.
 * Closing twice is harmless.
 */
final class Daemon implements AutoCloseable {

    static final String QR_FILE = Account.QR_FILE;
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final BotServer server;
    private final List<AutoCloseable> services = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Daemon(BotServer server) {
        this.server = server;
    }

    static Daemon start(LauncherSettings settings, Path configFile, Config config, PrintWriter out) throws IOException {
        return start(settings, configFile, config, out, QrTerminal.Colors.AUTO);
    }

    /** @param qrColors how each account's QR code is drawn on {@code out} */
    static Daemon start(LauncherSettings settings, Path configFile, Config config, PrintWriter out,
                        QrTerminal.Colors qrColors) throws IOException {
        return start(settings, configFile, config, out, qrColors, DaemonRole.BOTH);
    }

    /** @param role what the daemon does in a cluster ({@code run --role}) */
    static Daemon start(LauncherSettings settings, Path configFile, Config config, PrintWriter out,
                        QrTerminal.Colors qrColors, DaemonRole role) throws IOException {
        Map<String, ProgressPrinter> printers = new ConcurrentHashMap<>();
        BotServer server = BotServer.start(new ServerSettings(settings.server(), settings.dataDir(), settings.pluginsDir(),
                        settings.record(), role),
                config, (account, progress) -> {
                    printers.computeIfAbsent(account, id -> new ProgressPrinter(out, true, label(id), qrColors)).accept(progress);
                    if (progress instanceof LoginProgress.QrCode) {
                        Path png = qrImage(account, settings);
                        out.println(label(account) + " the QR code is also saved as " + png.toAbsolutePath());
                        out.flush();
                    }
                });
        Daemon daemon = new Daemon(server);
        try {
            daemon.startServices(settings, configFile, config);
        } catch (RuntimeException | IOException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** Where an account's QR image is saved. */
    private static Path qrImage(String account, LauncherSettings settings) {
        return AccountConfigs.folder(settings.dataDir(), account).resolve(QR_FILE);
    }

    /** The prefix of an account's console lines: {@code [login]} for the single default account, as before. */
    static String label(String account) {
        return account.equals(AccountConfig.DEFAULT_ID) ? "[login]" : "[" + account + "]";
    }

    private void startServices(LauncherSettings settings, Path configFile, Config config) throws IOException {
        PluginControl control = new PluginControl(server.plugins());
        try {
            services.add(ControlServer.start(settings.dataDir().resolve(ControlServer.SOCKET_FILE), control::answer));
        } catch (IOException e) {
            log.warn("no control channel ({}); 'webwx-bot plugins' will not reach this bot", e.toString());
        }
        Duration quiet = config.getDuration(LauncherSettings.ROOT + ".watch-quiet-period");
        Path config0 = configFile.toAbsolutePath().normalize();
        if (Files.isRegularFile(config0)) {
            // Any configuration file of the folder, not only the main one: operators keep included files (such as
            // auto-reply.conf) beside it, and editing those must reload too.
            services.add(DebouncedWatcher.watch("config", config0.getParent(),
                    name -> name.equals(config0.getFileName()) || isConfigFile(name), quiet, () -> reconfigure(config0)));
        }
        Path plugins = settings.pluginsDir().toAbsolutePath().normalize();
        if (Files.isDirectory(plugins)) {
            services.add(DebouncedWatcher.watch("plugins", plugins,
                    name -> name.toString().endsWith(".jar"), quiet, () -> server.plugins().rescan()));
        } else {
            log.warn("plugins folder {} does not exist; jars will not be picked up until the bot restarts", plugins);
        }
    }

    /**
     * Re-reads the configuration; one that no longer parses or is not valid is reported, in the log and beside every
     * plugin in {@code plugins list}, and the previous one kept.
     */
    private void reconfigure(Path configFile) {
        try {
            server.reconfigure(OperatorConfig.load(Optional.of(configFile)));
        } catch (ConfigException | IllegalArgumentException e) {
            log.error("configuration {} changed but is not valid; the previous configuration keeps running: {}",
                    configFile, e.getMessage());
            server.plugins().configurationRefused(e instanceof InvalidConfigException invalid
                    ? String.join("; ", invalid.problems()) : e.getMessage());
            return;
        }
        log.info("configuration {} re-read and applied", configFile);
    }

    BotServer server() {
        return server;
    }

    /** The first account: the only one of a configuration without an accounts block. */
    Account firstAccount() {
        return server.accounts().list().getFirst();
    }

    /** Completes once the first account is logged in (or resumed). */
    CompletableFuture<Contact> online() {
        return firstAccount().online();
    }

    /** When the first account's session ends. */
    CompletableFuture<LoggedOut> ended() {
        return firstAccount().ended();
    }

    /** Whether this daemon serves more than the one default account, or the API: then it runs until stopped. */
    boolean servesMany() {
        return server.accounts().list().size() != 1
                || !server.accounts().list().getFirst().id().equals(AccountConfig.DEFAULT_ID)
                || server.api().isPresent();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (AutoCloseable service : services.reversed()) {
            try {
                service.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        server.close();
        log.info("stopped");
    }

    private static boolean isConfigFile(Path name) {
        String file = name.toString();
        return file.endsWith(".conf") || file.endsWith(".json") || file.endsWith(".properties");
    }
}
