package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options bin/webwx-bot starts the bot with (src/dist/bin/jvm-options.sh), for an installation and a JDK
 * laid out in a temporary folder: the defaults for a bot, what an operator's WEBWX_JAVA_OPTS and switches change,
 * and when the AOT cache is used: only with the JDK build that made it.
 */
class JvmOptionsScriptTest {

    private static final Path SCRIPT = Path.of("src/dist/bin/jvm-options.sh").toAbsolutePath();
    private static final String RELEASE_25 = """
            IMPLEMENTOR="Eclipse Adoptium"
            JAVA_RUNTIME_VERSION="25.0.3+9-LTS"
            JAVA_VERSION="25.0.3"
            """;

    @TempDir
    Path dir;

    private Path home;
    private Path jdk;

    @BeforeEach
    void layOut() throws IOException {
        home = Files.createDirectories(dir.resolve("webwx bot"));   // a space, as under "Program Files"-like paths
        Files.createDirectories(home.resolve("lib"));
        for (String jar : List.of("netty-b.jar", "Zebra.jar", "core-1.jar", "a_b.jar")) {
            Files.writeString(home.resolve("lib").resolve(jar), "");
        }
        jdk = Files.createDirectories(dir.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), RELEASE_25);
    }

    @Test
    void defaultsAreTheSerialCollectorABoundedHeapAndCompactHeadersOnJdk25() throws Exception {
        List<String> options = options(25, Map.of());

        assertTrue(options.containsAll(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx512m", "-XX:MaxMetaspaceSize=192m",
                "-Xss512k", "-XX:+UseCompactObjectHeaders")), options.toString());
        assertFalse(options.stream().anyMatch(o -> o.startsWith("-XX:AOTCache")), "no cache was trained: " + options);
    }

    @Test
    void jdk21GetsNoOptionItDoesNotKnow() throws Exception {
        cacheFor(RELEASE_25);
        List<String> options = options(21, Map.of());

        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
        assertFalse(options.contains("-XX:+UseCompactObjectHeaders"), options.toString());
        assertFalse(options.stream().anyMatch(o -> o.startsWith("-XX:AOTCache")), options.toString());
    }

    @Test
    void anOperatorsCollectorReplacesOursAndTheRestOfTheDefaultsStay() throws Exception {
        List<String> options = options(25, Map.of("WEBWX_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"));

        assertFalse(options.contains("-XX:+UseSerialGC"), "the JVM refuses two collectors: " + options);
        assertTrue(options.contains("-Xmx512m"), "theirs comes after ours on the command line, so -Xmx2g wins");
    }

    @Test
    void defaultsOffLeavesOnlyTheCache() throws Exception {
        cacheFor(RELEASE_25);
        List<String> options = options(25, Map.of("WEBWX_JVM_DEFAULTS", "off"));

        assertEquals(List.of("-XX:AOTCache=" + home.resolve("lib/webwx-bot.aot"), "-Xlog:aot*=off,cds*=off"), options);
    }

    @Test
    void theCacheIsUsedWithTheJdkBuildThatMadeIt() throws Exception {
        cacheFor(RELEASE_25);

        assertTrue(options(25, Map.of()).contains("-XX:AOTCache=" + home.resolve("lib/webwx-bot.aot")));
    }

    @Test
    void theCacheIsIgnoredForAnotherJdkBuildOrWhenSwitchedOff() throws Exception {
        cacheFor(RELEASE_25.replace("25.0.3+9-LTS", "25.0.2+10-LTS"));
        assertFalse(options(25, Map.of()).stream().anyMatch(o -> o.startsWith("-XX:AOTCache")), "another build");

        cacheFor(RELEASE_25);
        assertFalse(options(25, Map.of("WEBWX_AOT", "off")).stream().anyMatch(o -> o.startsWith("-XX:AOTCache")));

        Files.delete(home.resolve("lib/webwx-bot.aot.jdk"));
        assertFalse(options(25, Map.of()).stream().anyMatch(o -> o.startsWith("-XX:AOTCache")), "no stamp");
    }

    @Test
    void theClassPathListsTheJarsInByteOrderOfTheirNames() throws Exception {
        String lib = home.resolve("lib") + "/";

        assertEquals(String.join(":", lib + "Zebra.jar", lib + "a_b.jar", lib + "core-1.jar", lib + "netty-b.jar"),
                run(25, Map.of(), "printf '%s' \"$webwx_class_path\""));
    }

    /** A cache as train-aot-cache.sh leaves it: the file and the stamp naming the JDK build of this release file. */
    private void cacheFor(String release) throws Exception {
        Files.writeString(home.resolve("lib/webwx-bot.aot"), "cache");
        Path other = Files.createDirectories(dir.resolve("trainer-jdk"));
        Files.writeString(other.resolve("release"), release);
        String stamp = run(other, 25, Map.of(), "webwx_jdk_build");
        Files.writeString(home.resolve("lib/webwx-bot.aot.jdk"), stamp);
    }

    private List<String> options(int major, Map<String, String> env) throws Exception {
        String out = run(major, env, "printf '%s\\n' \"${webwx_jvm_opts[@]}\"");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private String run(int major, Map<String, String> env, String print) throws Exception {
        return run(jdk, major, env, "webwx_jvm_options \"$1\"; " + print);
    }

    private String run(Path javaHome, int major, Map<String, String> env, String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$0\"; " + script, SCRIPT.toString(), home.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("WEBWX_"));
        builder.environment().put("WEBWX_JAVA_HOME", javaHome.toString());
        builder.environment().put("WEBWX_JAVA_MAJOR", Integer.toString(major));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.strip();
    }
}
