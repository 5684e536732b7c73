package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon of {@code run} in this JVM against the emulator over loopback sockets, with the real echo plugin jar:
 * the QR code saved as a PNG, the control socket driven by the {@code plugins} command, the configuration file and
 * the plugins folder watched, and a restart that resumes without a scan.
 */
class DaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path ECHO_JAR = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"))
            .resolve("plugin-echo.jar");

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Path data;
    private Path plugins;
    private Path configFile;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        data = dir.resolve("data");
        plugins = Files.createDirectories(dir.resolve("plugins"));
        configFile = dir.resolve("application.conf");
        Files.writeString(configFile, "webwx-bot.watch-quiet-period = 100ms\n");
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.close();
        emulator.close();
    }

    @Test
    void qrCodeIsSavedAsAPngThatDecodesToTheLoginUrlAndRestartResumesWithoutAScan() throws Exception {
        Files.copy(ECHO_JAR, plugins.resolve("plugin-echo.jar"));
        StringWriter firstOutput = new StringWriter();
        daemon = startDaemon(firstOutput);
        String uuid = emulator.awaitQrUuid(Duration.ofSeconds(20));
        Path png = data.resolve(Daemon.QR_FILE);
        Await.until(() -> Files.isRegularFile(png), "QR image saved", WAIT);
        var image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertTrue(decoded.endsWith(uuid), decoded);
        assertTrue(firstOutput.toString().contains(uuid), "the QR content is printed too");
        account.phone().scan(uuid);
        account.phone().confirm();
        daemon.online().get(20, TimeUnit.SECONDS);
        // Removed off the event loop, just after the login.
        Await.until(() -> !Files.exists(png), "a used QR image is removed", WAIT);
        alice.sendText("before restart");
        assertEquals("before restart", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        daemon.close();
        StringWriter secondOutput = new StringWriter();
        daemon = startDaemon(secondOutput);
        daemon.online().get(20, TimeUnit.SECONDS);
        assertFalse(secondOutput.toString().contains("scan this QR code"), secondOutput.toString());
        alice.sendText("after restart");
        assertEquals("after restart", account.awaitSentMessage(Duration.ofSeconds(15)).content());
    }

    @Test
    void theDataFolderItsLogsTheQrImageAndTheSessionAreOwnerOnlyWithTheShippedLogging() throws Exception {
        System.setProperty("logback.configurationFile", Path.of("../config/logback.xml").toAbsolutePath().toString());
        try {
            LogFiles.underDataDir(data); // as run does, before the daemon: the appender creates data/logs first
            daemon = startDaemon(new StringWriter());
            String uuid = emulator.awaitQrUuid(Duration.ofSeconds(20));
            Path png = data.resolve(Daemon.QR_FILE);
            Await.until(() -> Files.isRegularFile(png), "QR image saved", WAIT);
            assertEquals("rw-------", permissions(png), "whoever scans it logs the account in");
            account.phone().scan(uuid);
            account.phone().confirm();
            daemon.online().get(20, TimeUnit.SECONDS);
            daemon.close();

            assertEquals("rwx------", permissions(data));
            assertEquals("rwx------", permissions(data.resolve("logs")));
            Path log = data.resolve("logs").resolve("webwx-bot.log");
            assertEquals("rw-------", permissions(log));
            assertTrue(Files.readString(log).contains("login QR code: "), "the shipped configuration wrote the file");
            assertEquals("rw-------", permissions(data.resolve("session.json")));
        } finally {
            System.clearProperty("logback.configurationFile");
            System.clearProperty(LogFiles.LOG_DIR);
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback-test.xml"));
        }
    }

    private static String permissions(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void pluginsCommandListsDisablesEnablesAndTracesThroughTheControlSocket() throws Exception {
        Files.copy(ECHO_JAR, plugins.resolve("plugin-echo.jar"));
        daemon = onlineDaemon();
        Path socket = data.resolve(ControlServer.SOCKET_FILE);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket)), "only the owner may talk to the daemon");
        try (var leftovers = Files.list(data)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().startsWith(".control-")),
                    "the private folder the socket was bound in is gone");
        }

        assertTrue(cli("plugins", "list").contains("echo"), "list names echo");
        assertTrue(cli("plugins", "disable", "echo").contains("DISABLED"));
        alice.sendText("nobody answers");
        Await.until(() -> cli("plugins", "trace", "--chat", "Alice").contains("nobody"), "trace of the unanswered text",
                WAIT);
        String trace = cli("plugins", "trace", "--chat", "Alice");
        assertTrue(trace.contains("not answered") && trace.contains("DISABLED"), trace);
        assertThrowsTimeout();

        assertTrue(cli("plugins", "enable", "echo").contains("ACTIVE"));
        alice.sendText("answered again");
        assertEquals("answered again", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        assertTrue(cli("plugins", "trace", "--chat", "Alice", "--limit", "1").contains("answered again"));

        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("plugins", "reload", "nobody", "--data-dir", data.toString(), "--config", configFile.toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("no plugin 'nobody'"), err.toString());
    }

    @Test
    void aJarDroppedIntoThePluginsFolderIsPickedUpWhileOnline() throws Exception {
        daemon = onlineDaemon();
        assertEquals(0, daemon.server().plugins().activeHandlers().size());
        Path temp = dir.resolve("echo.tmp");
        Files.copy(ECHO_JAR, temp);
        Files.move(temp, plugins.resolve("plugin-echo.jar"));
        Await.until(() -> daemon.server().plugins().activeHandlers().size() == 1, "echo picked up", WAIT);
        alice.sendText("hello new plugin");
        assertEquals("hello new plugin", account.awaitSentMessage(Duration.ofSeconds(15)).content());
    }

    @Test
    void configurationFileChangesAreAppliedAnInvalidBlockDisablesThePluginAndAFixBringsItBack() throws Exception {
        Files.copy(ECHO_JAR, plugins.resolve("plugin-echo.jar"));
        daemon = onlineDaemon();
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Files.writeString(configFile, "webwx-bot.watch-quiet-period = 100ms\nplugins.echo.time-budget = -1s\n");
            Await.until(() -> echoStatus().state() == PluginStatus.State.MISCONFIGURED, "echo misconfigured", WAIT);
            Await.until(() -> logs.at(Level.ERROR).stream().anyMatch(line -> line.startsWith("plugin 'echo' disabled: ")
                    && line.contains("plugins.echo.time-budget")), () -> "the error logged: " + logs.at(Level.ERROR), WAIT);
        }
        assertTrue(echoStatus().reason().contains("plugins.echo.time-budget"), echoStatus().reason());
        alice.sendText("while broken");
        assertThrowsTimeout();

        Files.writeString(configFile, "webwx-bot.watch-quiet-period = 100ms\nplugins.echo.time-budget = 5s\n");
        Await.until(() -> echoStatus().state() == PluginStatus.State.ACTIVE, "echo active again", WAIT);
        alice.sendText("fixed");
        assertEquals("fixed", account.awaitSentMessage(Duration.ofSeconds(15)).content());
    }

    @Test
    void editingAnIncludedFileBesideTheConfigurationReloadsIt() throws Exception {
        Files.copy(ECHO_JAR, plugins.resolve("plugin-echo.jar"));
        Path included = configFile.resolveSibling("echo.conf");
        Files.writeString(included, "time-budget = 5s\n");
        Files.writeString(configFile, "webwx-bot.watch-quiet-period = 100ms\nplugins.echo { include \"echo.conf\" }\n");
        daemon = onlineDaemon();
        assertEquals(PluginStatus.State.ACTIVE, echoStatus().state());
        Files.writeString(included, "enabled = false\n");
        Await.until(() -> echoStatus().state() == PluginStatus.State.DISABLED_BY_CONFIG,
                "echo disabled by the included file", WAIT);
    }

    private PluginStatus echoStatus() {
        return daemon.server().plugins().list().stream().filter(p -> p.id().equals("echo")).findFirst().orElseThrow();
    }

    private void assertThrowsTimeout() {
        try {
            var unexpected = account.awaitSentMessage(Duration.ofMillis(800));
            throw new AssertionError("unexpected reply " + unexpected.content());
        } catch (EmulatorTimeoutException expected) {
            // nothing was answered
        }
    }

    private Daemon onlineDaemon() throws Exception {
        Daemon started = startDaemon(new StringWriter());
        String uuid = emulator.awaitQrUuid(Duration.ofSeconds(20));
        account.phone().scan(uuid);
        account.phone().confirm();
        started.online().get(20, TimeUnit.SECONDS);
        return started;
    }

    private Daemon startDaemon(StringWriter output) throws Exception {
        LauncherSettings settings = LauncherSettings.load(Optional.of(configFile))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(plugins).withDataDir(data);
        return Daemon.start(settings, configFile, OperatorConfig.load(Optional.of(configFile)), new PrintWriter(output, true));
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", data.toString(), "--config", configFile.toString())).toArray(String[]::new);
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(all);
        assertEquals(0, code, out.toString());
        return out.toString();
    }
}
