package dev.webwxbot.launcher.scaffold;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code webwx-bot mvn ARGS…}: Apache Maven run with the JDK this launcher runs on, which the launcher script chose
 * as the newest JDK 21+ it found (for this command it insists on a JDK, not a runtime). A plugin author builds with
 * it without exporting {@code JAVA_HOME}, whatever JDK plain {@code mvn} would pick.
 *
 * <p>Why not the Maven wrapper or toolchains: the wrapper downloads Maven on first use (no good offline) and its
 * scripts would be one more thing to ship; toolchains need a {@code ~/.m2/toolchains.xml} the author writes per
 * machine. Maven on the PATH plus the JDK the launcher already finds needs neither.
 */
@Command(name = "mvn",
        description = {"Run Apache Maven (mvn on the PATH) with the JDK 21+ webwx-bot runs on, so no JAVA_HOME needs"
                + " setting; every argument goes to Maven.", "e.g. in a plugin project: webwx-bot mvn package"})
public final class MvnCommand implements Callable<Integer> {

    /** Everything after {@code mvn}, options included, in order: Maven's, not ours. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (!Files.isExecutable(javaHome.resolve("bin").resolve("javac"))) {
            throw new IllegalArgumentException("webwx-bot runs on " + javaHome + ", a Java runtime without a compiler;"
                    + " building needs a JDK 21 or newer: install one (e.g. 'apt-get install openjdk-21-jdk') or set"
                    + " JAVA_HOME to one");
        }
        Path mvn = onPath("mvn", System.getenv("PATH")).orElseThrow(() -> new IllegalArgumentException(
                "Apache Maven (mvn) is not on the PATH; install Maven 3.8 or newer (e.g. 'apt-get install maven')"));
        List<String> command = new ArrayList<>();
        command.add(mvn.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        environmentFor(builder.environment(), javaHome, Runtime.version().feature());
        Process maven = builder.start();
        // Stopping this launcher (SIGTERM) stops the build it started; Ctrl-C reaches both anyway.
        Thread stopper = new Thread(maven::destroy);
        Runtime.getRuntime().addShutdownHook(stopper);
        int code = maven.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // Stopped by a signal: the hook has run (or is running) and Maven's exit code is the answer anyway.
        }
        return code;
    }

    /** Maven's JDK is ours; on a JDK 24+ Maven's own libraries' use of sun.misc.Unsafe is allowed quietly. */
    static void environmentFor(Map<String, String> environment, Path javaHome, int javaFeature) {
        environment.put("JAVA_HOME", javaHome.toString());
        String flag = "--sun-misc-unsafe-memory-access=allow";
        String options = environment.getOrDefault("MAVEN_OPTS", "");
        if (javaFeature >= 24 && !options.contains("--sun-misc-unsafe-memory-access")) {
            environment.put("MAVEN_OPTS", (options.isBlank() ? "" : options + " ") + flag);
        }
    }

    /** The executable {@code name} in the first folder of {@code path} (a PATH value) that has one. */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) return Optional.empty();
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) continue;
            Path candidate = Path.of(folder).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
