package dev.webwxbot.launcher.scaffold;

import dev.webwxbot.launcher.LauncherSettings;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot new-plugin NAME}: a plugin project that builds and passes its tests as made (pom, handler,
 * {@code reference.conf}, a test on the plugin test kit, README, .gitignore), and the plugin API installed into the
 * local Maven repository so it builds without a checkout of the bot. Every name is checked before anything is written.
 */
@Command(name = "new-plugin", mixinStandardHelpOptions = true,
        description = {"Create a plugin project: its pom, a handler, reference.conf with its settings, a test with the"
                + " plugin test kit, a README; and install the plugin API it builds against into the local Maven"
                + " repository (as install-api does).",
                "Then, in its folder: webwx-bot mvn package"})
public final class NewPluginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "the plugin's id, e.g. ping or weather-report: lower-case letters, digits and hyphens;"
                    + " also the name of its configuration block plugins.NAME")
    String id;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "the project folder to create; it must not exist or be empty (default: NAME-plugin)")
    Path dir;

    @Option(names = "--group", paramLabel = "G", description = "Maven groupId (default: " + PluginName.DEFAULT_GROUP + ")")
    String group;

    @Option(names = "--package", paramLabel = "P",
            description = "Java package of the handler (default: the groupId, then NAME without hyphens)")
    String javaPackage;

    @Option(names = "--no-install-api",
            description = "do not install the plugin API into the local Maven repository (e.g. it is there already)")
    boolean noInstall;

    @Mixin
    RepositoryOption repository = new RepositoryOption();

    private final Path home;

    public NewPluginCommand() {
        this(Path.of(System.getProperty("webwx-bot.home", ".")));
    }

    NewPluginCommand(Path home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException {
        PluginName name = PluginName.of(id, group, javaPackage);
        Path project = (dir != null ? dir : Path.of(name.artifactId())).toAbsolutePath().normalize();
        checkFree(project);
        // Found before anything is written, so an installation without them leaves no half-made project behind.
        ApiArtifacts artifacts = noInstall ? null : ApiArtifacts.ofInstallation(home);
        LocalRepository local = noInstall ? null : repository.choose();

        Files.createDirectories(project);
        List<String> files = new ProjectTemplate(name, ProjectTemplate.Versions.ofThisBuild()).writeTo(project);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created the " + name.id() + " plugin in " + shown(project) + ":");
        files.forEach(file -> out.println("  " + file));
        out.flush();
        if (artifacts != null
                && !InstallApiCommand.install(artifacts, local, out, spec.commandLine().getErr())) {
            return 1;
        }
        Path relative = Path.of("").toAbsolutePath().relativize(project);
        out.println();
        out.println("Next:");
        out.println("  cd " + shown(relative.startsWith("..") ? project : relative));
        out.println("  webwx-bot mvn package      builds it and runs its tests: target/" + name.artifactId() + "-1.0.0.jar");
        out.println("  cp target/" + name.artifactId() + "-1.0.0.jar " + shown(pluginsFolder()) + "/"
                + "      a running bot loads it");
        out.flush();
        return 0;
    }

    /** The plugins folder of this installation's configuration, as {@code run} would use it. */
    private Path pluginsFolder() {
        Path config = home.resolve("config").resolve("application.conf");
        try {
            return LauncherSettings.load(Files.isRegularFile(config) ? Optional.of(config) : Optional.empty())
                    .pluginsDir().toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return home.resolve("plugins").toAbsolutePath().normalize();   // a broken configuration: run says why
        }
    }

    private static void checkFree(Path project) throws IOException {
        if (Files.exists(project) && !Files.isDirectory(project)) {
            throw new IllegalArgumentException(shown(project) + " already exists and is a file, not a folder;"
                    + " give another folder with --dir DIR");
        }
        if (Files.isDirectory(project)) {
            try (Stream<Path> entries = Files.list(project)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("the folder " + shown(project) + " already exists and is not"
                            + " empty; give another one with --dir DIR, or remove it");
                }
            }
        }
    }

    private static String shown(Path path) {
        return TerminalText.clean(path.toString());
    }
}
