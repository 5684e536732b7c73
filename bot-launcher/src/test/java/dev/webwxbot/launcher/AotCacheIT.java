package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher with an AOT cache its JDK cannot use (left by an older build of the bot, or damaged), but
 * stamped with this very JDK build so bin/webwx-bot passes it on: the JVM starts without it and says nothing, so the
 * bot's output is what it is without a cache. Runs after {@code package}, on JDK 25+ (where the launcher uses caches).
 */
class AotCacheIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));

    @TempDir
    Path dir;

    /**
     * The links into the distribution go before JUnit cleans the folder up: it would delete them all the same, but
     * with a WARNING line for each (a link leading out of the temporary folder), in the output of a passing test.
     */
    @AfterEach
    void removeLinksIntoTheDistribution() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path link : all.filter(Files::isSymbolicLink).toList()) Files.delete(link);
        }
    }

    @Test
    void aCacheTheJdkRejectsIsIgnoredWithoutAWord() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "JDK 21-24: the launcher never passes a cache (JvmOptionsScriptTest)");
        Path home = installationWithItsOwnLib();
        Files.write(home.resolve("lib/webwx-bot.aot"), new byte[4096]);
        String stamp = bash(home, Map.of(), "-c", ". \"$0/bin/jvm-options.sh\"; WEBWX_JAVA_HOME=\"$JAVA_HOME\"; webwx_jdk_build",
                home.toString());
        Files.writeString(home.resolve("lib/webwx-bot.aot.jdk"), stamp);

        String explained = bash(home, Map.of("WEBWX_JAVA_OPTS", "-Xlog:aot"), home.resolve("bin/webwx-bot").toString(),
                "--version");
        String quiet = bash(home, Map.of(), home.resolve("bin/webwx-bot").toString(), "--version");
        String without = bash(home, Map.of("WEBWX_AOT", "off"), home.resolve("bin/webwx-bot").toString(), "--version");

        assertTrue(explained.contains("AOT cache") && explained.endsWith(without),
                "the launcher passed the cache on, the JVM refused it (as -Xlog:aot shows) and ran on: " + explained);
        assertTrue(without.startsWith("webwx-bot "), without);
        assertEquals(without, quiet, "nothing about the refused cache reaches the output");
    }

    /** bin/ and config/ of the distribution, and a lib/ of links to its jars, so the cache written is this test's. */
    private Path installationWithItsOwnLib() throws IOException {
        Path home = dir.resolve("webwx-bot");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        for (String script : List.of("webwx-bot", "find-java.sh", "jvm-options.sh")) {
            Files.copy(DIST.resolve("bin").resolve(script), home.resolve("bin").resolve(script));
        }
        Files.createSymbolicLink(home.resolve("config"), DIST.resolve("config").toAbsolutePath());
        try (Stream<Path> jars = Files.list(DIST.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(home.resolve("lib").resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    private String bash(Path home, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash"), Stream.of(args)).toList())
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("WEBWX_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.strip();
    }

}
