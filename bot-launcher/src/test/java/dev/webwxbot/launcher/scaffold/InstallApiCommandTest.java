package dev.webwxbot.launcher.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InstallApiCommandTest {

    private static final String V = FakeInstallation.VERSION;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void copiesTheShippedArtifactsIntoTheRepositoryAndSaysWhat() throws Exception {
        Path home = FakeInstallation.at(dir.resolve("home"));
        Path repo = dir.resolve("repo");

        assertEquals(0, run(home, "--repo", repo.toString()), err.toString());

        Path version = repo.resolve("dev/webwxbot/plugin-api").resolve(V);
        assertEquals("jar of plugin-api", Files.readString(version.resolve("plugin-api-" + V + ".jar")));
        assertTrue(Files.isRegularFile(version.resolve("maven-metadata-local.xml")));
        assertTrue(Files.isRegularFile(version.resolve("_remote.repositories")), "marked as installed locally");
        assertTrue(Files.isRegularFile(repo.resolve("dev/webwxbot/webwx-bot-parent").resolve(V)
                .resolve("webwx-bot-parent-" + V + ".pom")));
        assertEquals("Installed the plugin API of webwx-bot " + V + " into " + repo + " (--repo): plugin-api,"
                + " plugin-testkit, webwx-bot-parent.\n", out.toString());
    }

    @Test
    void reinstallingReplacesTheVersionAndKeepsOtherVersionsListed() throws Exception {
        Path home = FakeInstallation.at(dir.resolve("home"));
        Path repo = dir.resolve("repo");
        Path artifact = Files.createDirectories(repo.resolve("dev/webwxbot/plugin-api"));
        Files.writeString(artifact.resolve("maven-metadata-local.xml"), FakeInstallation.versionList("plugin-api", "0.0.1"));
        Path stale = Files.createDirectories(artifact.resolve(V)).resolve("plugin-api-" + V + ".jar");
        Files.writeString(stale, "an older build of the same version");

        assertEquals(0, run(home, "--repo", repo.toString()), err.toString());

        assertEquals("jar of plugin-api", Files.readString(stale));
        String versions = Files.readString(artifact.resolve("maven-metadata-local.xml"));
        assertTrue(versions.contains("<version>0.0.1</version>") && versions.contains("<version>" + V + "</version>"),
                versions);
    }

    @Test
    void anInstallationWithoutTheArtifactsIsAnErrorNamingWhereItLooked() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new InstallApiCommand(dir).call()).getMessage();
        assertEquals("no plugin API artifacts in " + dir.resolve("maven") + "; this command installs them from a"
                + " webwx-bot distribution: run it as bin/webwx-bot of an unpacked release, or ./webwx-bot of a"
                + " source checkout", message);
    }

    @Test
    void theRepositoryIsFoundAsMavenFindsIt() throws Exception {
        Path home = dir.resolve("user");
        assertEquals(new LocalRepository(home.resolve(".m2/repository"), "Maven's default"),
                LocalRepository.find(null, Map.of(), home));

        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>${user.home}/maven-repo</localRepository>
                </settings>
                """);
        assertEquals(home.resolve("maven-repo"), LocalRepository.find(null, Map.of(), home).path());

        assertEquals(new LocalRepository(Path.of("/opt/m2"), "-Dmaven.repo.local in MAVEN_OPTS"),
                LocalRepository.find(null, Map.of("MAVEN_OPTS", "-Xmx1g -Dmaven.repo.local=/opt/m2"), home));
        assertEquals(new LocalRepository(Path.of("/given"), "--repo"),
                LocalRepository.find(Path.of("/given"), Map.of("MAVEN_OPTS", "-Dmaven.repo.local=/opt/m2"), home));
    }

    @Test
    void aBrokenSettingsFileIsAnErrorRatherThanAGuess() throws Exception {
        Path home = dir.resolve("user");
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><localRepository>");
        String message = assertThrows(IllegalArgumentException.class,
                () -> LocalRepository.find(null, Map.of(), home)).getMessage();
        assertTrue(message.startsWith("cannot read " + home.resolve(".m2/settings.xml")), message);
        assertTrue(message.endsWith("fix it or give the local repository with --repo DIR"), message);
    }

    @Test
    void listsWhatTheInstallationShips() throws Exception {
        ApiArtifacts artifacts = ApiArtifacts.ofInstallation(FakeInstallation.at(dir));
        assertEquals(List.of(new ApiArtifacts.Artifact("dev.webwxbot", "plugin-api", V),
                new ApiArtifacts.Artifact("dev.webwxbot", "plugin-testkit", V),
                new ApiArtifacts.Artifact("dev.webwxbot", "webwx-bot-parent", V)), artifacts.list());
    }

    private int run(Path home, String... args) {
        return new CommandLine(new InstallApiCommand(home))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
