package dev.webwxbot.launcher;

import dev.webwxbot.server.account.QrImage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code webwx-bot run} keeps running: the bot with its resumable session, the QR code printed and saved as
 * a PNG, the control socket for {@code webwx-bot plugins ...}, and watchers that re-read the configuration file and
 * rescan the plugins folder when they change. {@link #close()} (from the SIGTERM/SIGINT hook or the end of the
 * session) stops the watchers and the control socket, then the session (whose last sync is saved, so the next
 * start needs no scan), the plugins and the client. Closing twice is harmless.
 */
final class Daemon implements AutoCloseable {

    static final String QR_FILE = "login-qr.png";
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final BotRunner runner;
    private final List<AutoCloseable> services = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private CompletableFuture<Contact> online;

    private Daemon(BotRunner runner) {
        this.runner = runner;
    }

    static Daemon start(LauncherSettings settings, Path configFile, Config config, PrintWriter out) throws IOException {
        Path dataDir = settings.dataDir();
        OwnerOnly.createDirectories(dataDir);
        Path qrFile = dataDir.resolve(QR_FILE);
        ProgressPrinter printer = new ProgressPrinter(out, true);
        BotRunner runner = new BotRunner(settings, config, true, progress -> {
            printer.accept(progress);
            showElsewhere(progress, qrFile, out);
        });
        Daemon daemon = new Daemon(runner);
        try {
            daemon.startServices(settings, configFile, config);
            daemon.online = runner.start();
        } catch (RuntimeException | IOException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** Also logs the login URL and saves the code as a PNG; removes the PNG once it is of no use. */
    private static void showElsewhere(LoginProgress progress, Path qrFile, PrintWriter out) {
        try {
            switch (progress) {
                case LoginProgress.QrCode qr -> {
                    log.info("login QR code: {} (scan it with WeChat on the phone)", qr.content());
                    QrImage.save(qr.content(), qrFile);
                    out.println("[login] the QR code is also saved as " + qrFile.toAbsolutePath());
                    out.flush();
                }
                case LoginProgress.Online online -> Files.deleteIfExists(qrFile);
                default -> { }
            }
        } catch (IOException e) {
            log.warn("cannot write or remove the QR image {}: {}", qrFile, e.toString());
        }
    }

    private void startServices(LauncherSettings settings, Path configFile, Config config) throws IOException {
        PluginControl control = new PluginControl(runner.plugins());
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
                    name -> name.toString().endsWith(".jar"), quiet, () -> runner.plugins().rescan()));
        } else {
            log.warn("plugins folder {} does not exist; jars will not be picked up until the bot restarts", plugins);
        }
    }

    /** Re-reads the configuration; a file that no longer parses is reported and the previous one kept. */
    private void reconfigure(Path configFile) {
        Config fresh;
        try {
            fresh = OperatorConfig.load(Optional.of(configFile));
            runner.plugins().reconfigure(OperatorConfig.chainSettings(fresh), fresh);
        } catch (ConfigException | IllegalArgumentException e) {
            log.error("configuration {} changed but is not valid, keeping the previous one: {}", configFile, e.getMessage());
            return;
        }
        log.info("configuration {} re-read and applied", configFile);
    }

    BotRunner runner() {
        return runner;
    }

    /** Completes once logged in (or resumed); the login starts with {@link #start}. */
    CompletableFuture<Contact> online() {
        return online;
    }

    CompletableFuture<LoggedOut> ended() {
        return runner.ended();
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
        runner.close();
        log.info("stopped");
    }

    private static boolean isConfigFile(Path name) {
        String file = name.toString();
        return file.endsWith(".conf") || file.endsWith(".json") || file.endsWith(".properties");
    }
}
