package dev.webwxbot.launcher.scaffold;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --repo} option of the commands that install the plugin API. */
final class RepositoryOption {

    @Option(names = "--repo", paramLabel = "DIR",
            description = "the local Maven repository to install the plugin API into (default: the one Maven uses:"
                    + " -Dmaven.repo.local in MAVEN_OPTS, <localRepository> of ~/.m2/settings.xml, else ~/.m2/repository)")
    Path repo;

    LocalRepository choose() {
        return LocalRepository.find(repo, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
