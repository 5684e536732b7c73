package dev.webwxbot.launcher.scaffold;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot install-api}: puts the artifacts a plugin project builds against into the local Maven repository,
 * from this installation (see {@link ApiArtifacts}). {@code new-plugin} does the same; this is for doing it again,
 * e.g. after upgrading the bot, or for a project made by hand.
 */
@Command(name = "install-api", mixinStandardHelpOptions = true,
        description = "Install what a plugin project builds against (webwx-bot's plugin-api, plugin-testkit, the modules"
                + " they use and the parent pom) from this installation into the local Maven repository; no network.")
public final class InstallApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository = new RepositoryOption();

    private final Path home;

    public InstallApiCommand() {
        this(Path.of(System.getProperty("webwx-bot.home", ".")));
    }

    InstallApiCommand(Path home) {
        this.home = home;
    }

    @Override
    public Integer call() {
        ApiArtifacts artifacts = ApiArtifacts.ofInstallation(home);
        return install(artifacts, repository.choose(), spec.commandLine().getOut(), spec.commandLine().getErr()) ? 0 : 1;
    }

    /** Installs and reports in one line; false (with the reason on {@code err}) when the copy failed. */
    static boolean install(ApiArtifacts artifacts, LocalRepository repository, PrintWriter out, PrintWriter err) {
        List<ApiArtifacts.Artifact> installed;
        try {
            installed = artifacts.installInto(repository.path());
        } catch (IOException e) {
            err.println("webwx-bot: could not install the plugin API into " + repository.path().toAbsolutePath()
                    + " (" + repository.source() + "): " + e);
            err.flush();
            return false;
        }
        String version = installed.stream().filter(a -> a.artifactId().equals("plugin-api"))
                .map(ApiArtifacts.Artifact::version).findFirst().orElse("?");
        out.println("Installed the plugin API of webwx-bot " + version + " into " + repository.path().toAbsolutePath()
                + " (" + repository.source() + "): "
                + installed.stream().map(ApiArtifacts.Artifact::artifactId).collect(Collectors.joining(", ")) + ".");
        out.flush();
        return true;
    }
}
