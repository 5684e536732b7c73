package dev.webwxbot.launcher;

import dev.webwxbot.testsupport.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's first steps with the packaged distribution, as the plugin authors' guide tells them: {@code
 * webwx-bot new-plugin ping} makes the project and installs the plugin API into a local Maven repository (a private
 * one here, never the machine's shared {@code ~/.m2}); {@code webwx-bot mvn package}, run with no {@code JAVA_HOME}
 * set, builds it with the JDK the launcher finds and runs the generated test on the plugin test kit; and the jar,
 * dropped into the plugins folder of a daemon that is online with the emulator, answers a friend. Runs after
 * {@code package}, on {@code target/dist}.
 */
class NewPluginIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    /** The build's own local repository: third-party artifacts are read from it, nothing is written to it. */
    private static final Path SHARED_REPOSITORY = Path.of(System.getProperty("webwx.test.local-repository",
            System.getProperty("user.home") + "/.m2/repository"));
    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Emulator emulator;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) daemon.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void aNewPluginBuildsWithTheLaunchersJdkPassesItsGeneratedTestAndAnswersInARunningDaemon() throws Exception {
        Path project = dir.resolve("ping-plugin");
        Path repository = dir.resolve("repository");
        Finished created = webwxBot(dir, "new-plugin", "ping", "--dir", project.toString(), "--repo", repository.toString());
        assertEquals(0, created.code(), created.output());
        assertTrue(created.output().contains("Installed the plugin API of webwx-bot "), created.output());
        assertTrue(hasJar(repository.resolve("dev/webwxbot/plugin-testkit")), "the kit installed from the distribution");

        Finished built = webwxBot(project, "mvn", "-B", "-s", seededSettings().toString(),
                "-Dmaven.repo.local=" + repository, "package");
        assertEquals(0, built.code(), built.output());
        assertTrue(built.output().contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"),
                "the generated test ran and passed:\n" + built.output());
        Path jar = project.resolve("target/ping-plugin-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), built.output());

        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        Account account = emulator.addAccount("Bot");
        Contact alice = account.addFriend("Alice");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        // With the bundled plugins beside it, as in an installation: echo answers last (Phase.FALLBACK), so the
        // author's plugin is the one that answers (issue 16: the README's first plugin was shadowed by echo).
        for (String bundled : List.of("plugin-echo.jar", "plugin-auto-reply.jar")) {
            Files.copy(DIST.resolve("plugins").resolve(bundled), plugins.resolve(bundled));
        }
        daemon = onlineDaemon(account, plugins);
        Path copying = dir.resolve("ping.jar.part");
        Files.copy(jar, copying);
        Files.move(copying, plugins.resolve(jar.getFileName()));   // whole, as an operator's mv or cp then mv
        Await.until(() -> daemon.server().plugins().list().stream()
                .anyMatch(p -> p.id().equals("ping") && p.state() == PluginStatus.State.ACTIVE), "ping loaded", STEP);

        alice.sendText("ping");
        assertEquals("Hello Alice, ping here", account.awaitSentMessage(STEP).content());
        alice.sendText("anything else");
        assertEquals("anything else", account.awaitSentMessage(STEP).content(), "echo still answers what ping leaves");
    }

    /**
     * The guide's examples, copied as a reader would, build against the API {@code install-api} installs (once for
     * both) and pass their kit tests: {@code examples/welcome-plugin} (people join and leave a group in an emulated
     * WeChat) and {@code examples/remind-plugin} (a command, its usage line and a conversation). Core's
     * WelcomePluginExampleTest and RemindPluginExampleTest load what they build.
     */
    @Test
    void theExamplesBuildAgainstTheInstalledApiAndPassTheirKitTests() throws Exception {
        Path repository = dir.resolve("repository");
        Finished installed = webwxBot(dir, "install-api", "--repo", repository.toString());
        assertEquals(0, installed.code(), installed.output());

        assertExampleBuilds("welcome-plugin", repository, 4);
        assertExampleBuilds("remind-plugin", repository, 4);
    }

    private void assertExampleBuilds(String name, Path repository, int tests) throws Exception {
        Path project = dir.resolve(name);
        Path example = Path.of("..", "examples", name);
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(f -> !example.relativize(f).startsWith("target")).toList()) {
                Path copy = project.resolve(example.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(copy); else Files.copy(file, copy);
            }
        }
        Finished built = webwxBot(project, "mvn", "-B", "-s", seededSettings().toString(),
                "-Dmaven.repo.local=" + repository, "package");
        assertEquals(0, built.code(), built.output());
        assertTrue(built.output().contains("Tests run: " + tests + ", Failures: 0, Errors: 0, Skipped: 0"),
                name + "'s kit tests ran and passed:\n" + built.output());
        assertTrue(Files.isRegularFile(project.resolve("target/" + name + "-1.0.0.jar")), built.output());
    }

    @Test
    void mvnRunsMavenOnAJdk21OrNewerWithoutJavaHome() throws Exception {
        Finished version = webwxBot(dir, "mvn", "-v");
        assertEquals(0, version.code(), version.output());
        String java = version.output().lines().filter(l -> l.startsWith("Java version: ")).findFirst()
                .orElseThrow(() -> new AssertionError(version.output()));
        int feature = Integer.parseInt(java.substring("Java version: ".length()).split("[.,\\-+]")[0]);
        assertTrue(feature >= 21, java);
    }

    /**
     * Maven settings that read third-party artifacts from the build's own local repository as if it were a remote
     * one (copied into the private repository, never written to), releases only, so no stale snapshot of the bot's
     * own artifacts can stand in for the ones just installed. Maven Central stays behind it for anything missing.
     */
    private Path seededSettings() throws IOException {
        String seed = """
                <repository>
                  <id>build-local</id>
                  <url>%s</url>
                  <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>""".formatted(SHARED_REPOSITORY.toUri());
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <id>seed</id>
                      <repositories>%s</repositories>
                      <pluginRepositories>%s</pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
                </settings>
                """.formatted(seed, seed.replace("repository>", "pluginRepository>")));
        return settings;
    }

    private Daemon onlineDaemon(Account account, Path plugins) throws Exception {
        Path config = dir.resolve("application.conf");
        Files.writeString(config, "webwx-bot.watch-quiet-period = 100ms\n");
        LauncherSettings settings = LauncherSettings.load(Optional.of(config))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(plugins).withDataDir(dir.resolve("data"));
        Daemon started = Daemon.start(settings, config, OperatorConfig.load(Optional.of(config)),
                new PrintWriter(new StringWriter(), true));
        String uuid = emulator.awaitQrUuid(STEP);
        account.phone().scan(uuid);
        account.phone().confirm();
        started.online().get(STEP.toSeconds(), TimeUnit.SECONDS);
        return started;
    }

    /** The distribution's bin/webwx-bot run in {@code folder} with no JAVA_HOME: it must find a JDK itself. */
    private Finished webwxBot(Path folder, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", DIST.resolve("bin/webwx-bot").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().put("WEBWX_LOG_DIR", dir.resolve("logs").toString());
        Process process = builder.start();
        if (!process.waitFor(BUILD.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("webwx-bot " + String.join(" ", args) + " did not finish in " + BUILD + ":\n"
                    + Files.readString(output));
        }
        return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Finished(int code, String output) {}

    private static boolean hasJar(Path artifact) throws IOException {
        if (!Files.isDirectory(artifact)) return false;
        try (Stream<Path> files = Files.walk(artifact)) {
            return files.anyMatch(f -> f.toString().endsWith(".jar"));
        }
    }
}
