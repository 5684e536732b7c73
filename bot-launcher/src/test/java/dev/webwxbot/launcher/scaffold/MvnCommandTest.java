package dev.webwxbot.launcher.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MvnCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyArgumentGoesToMavenInOrderOptionsIncluded() {
        MvnCommand command = new MvnCommand();
        new CommandLine(command).parseArgs("-q", "-DskipTests", "clean", "package", "-pl", "x", "--help", "-V");
        assertEquals(List.of("-q", "-DskipTests", "clean", "package", "-pl", "x", "--help", "-V"), command.arguments);
    }

    @Test
    void mavenRunsOnThisJdkAndOnJdk24AndLaterWithoutUnsafeWarnings() {
        Map<String, String> environment = new HashMap<>(Map.of("JAVA_HOME", "/old/jdk17", "MAVEN_OPTS", "-Xmx1g"));
        MvnCommand.environmentFor(environment, Path.of("/jdk25"), 25);
        assertEquals(Map.of("JAVA_HOME", "/jdk25", "MAVEN_OPTS", "-Xmx1g --sun-misc-unsafe-memory-access=allow"),
                environment);
        MvnCommand.environmentFor(environment, Path.of("/jdk25"), 25);
        assertEquals("-Xmx1g --sun-misc-unsafe-memory-access=allow", environment.get("MAVEN_OPTS"), "added once");

        Map<String, String> jdk21 = new HashMap<>();
        MvnCommand.environmentFor(jdk21, Path.of("/jdk21"), 21);
        assertEquals(Map.of("JAVA_HOME", "/jdk21"), jdk21, "JDK 21 does not know the flag");
    }

    @Test
    void mavenIsTheFirstExecutableMvnOnThePath() throws Exception {
        Path notExecutable = Files.createDirectories(dir.resolve("a")).resolve("mvn");
        Files.writeString(notExecutable, "");
        Path executable = Files.createDirectories(dir.resolve("b")).resolve("mvn");
        Files.writeString(executable, "");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = dir.resolve("a") + ":" + dir.resolve("missing") + "::" + dir.resolve("b");
        assertEquals(Optional.of(executable), MvnCommand.onPath("mvn", path));
        assertEquals(Optional.empty(), MvnCommand.onPath("mvn", dir.resolve("a").toString()));
    }
}
