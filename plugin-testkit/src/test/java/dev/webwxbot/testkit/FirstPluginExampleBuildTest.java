package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/first-plugin} built as its author builds it: {@code mvn package} on a copy of the stand-alone
 * project, which compiles the plugin and runs its test written with this kit. The project finds this build's
 * artifacts (parent pom, plugin-api, safe-output, emulator, core, plugin-testkit, packed from their classes) in a
 * private local repository made for the test, whose other artifacts are those of the shared local repository,
 * linked read-only in offline mode; nothing is installed into the shared one.
 */
class FirstPluginExampleBuildTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/first-plugin");
    private static final List<String> MODULES = List.of("plugin-api", "safe-output", "emulator", "core", "plugin-testkit");
    private static final String GROUP_PATH = "dev/webwxbot";

    @TempDir
    Path work;

    /** The links into the shared repository go before the temporary folder is deleted, so only they are removed. */
    @AfterEach
    void unlinkSharedRepository() throws IOException {
        for (Path dir : List.of(work.resolve("repository"), work.resolve("repository/dev"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.filter(Files::isSymbolicLink).toList()) Files.delete(entry);
            }
        }
    }

    @Test
    void theExampleBuildsWithMavenAndItsKitTestPasses() throws Exception {
        Path repository = privateRepository(work.resolve("repository"));
        Path project = work.resolve("first-plugin");
        copy(EXAMPLE.resolve("pom.xml"), project.resolve("pom.xml"));
        copyTree(EXAMPLE.resolve("src"), project.resolve("src"));

        Path log = work.resolve("mvn.log");
        ProcessBuilder build = new ProcessBuilder(maven().toString(), "-B", "-o", "-Dmaven.repo.local=" + repository,
                "package").directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (Runtime.version().feature() >= 24) {
            build.environment().merge("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow", (a, b) -> a + " " + b);
        }
        Process maven = build.start();
        assertTrue(maven.waitFor(10, TimeUnit.MINUTES), "mvn package of the example did not finish in 10 minutes");
        assertEquals(0, maven.exitValue(), () -> "mvn package of the example failed:\n" + tail(log));

        String report = Files.readString(project.resolve("target/surefire-reports/TEST-com.example.ping.PingHandlerTest.xml"));
        Matcher counts = Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\"[^>]*").matcher(report);
        assertTrue(counts.find(), report);
        assertEquals("4", counts.group(1), "the example's kit test ran all its tests");
        for (String none : List.of("failures", "errors", "skipped")) {
            assertTrue(counts.group().contains(none + "=\"0\""), counts.group());
        }
        try (JarFile jar = new JarFile(project.resolve("target/ping-plugin-1.0.0.jar").toFile())) {
            assertEquals("ping", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            String index = new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(index.contains("com.example.ping.PingHandler"), index);
            assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("dev/webwxbot/")),
                    "the plugin jar must not contain the bot's classes");
        }
    }

    /** The Maven running this build (surefire passes its home), else the one on the PATH. */
    private static Path maven() {
        String home = System.getProperty("maven.home");
        String executable = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        if (home != null && !home.isBlank()) return Path.of(home, "bin", executable);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new AssertionError("no Maven found: neither -Dmaven.home nor mvn on the PATH");
    }

    /**
     * A local repository holding this build's artifacts, the rest linked from the shared one (whose own, possibly
     * older, dev/webwxbot artifacts are left out, so only this build's can be used).
     */
    private static Path privateRepository(Path repository) throws IOException {
        Path shared = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Files.createDirectories(repository.resolve(GROUP_PATH));
        linkAllBut(shared, repository, "dev");
        linkAllBut(shared.resolve("dev"), repository.resolve("dev"), "webwxbot");
        String version = projectVersion();
        install(repository, "webwx-bot-parent", version, ROOT.resolve("pom.xml"), null);
        for (String module : MODULES) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertTrue(Files.isDirectory(classes), module + " is not built: run this test through the reactor"
                    + " (mvn -pl plugin-testkit -am test)");
            install(repository, module, version, ROOT.resolve(module).resolve("pom.xml"), classes);
        }
        return repository;
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
    }

    private static void install(Path repository, String artifactId, String version, Path pom, Path classes)
            throws IOException {
        Path dir = Files.createDirectories(repository.resolve(GROUP_PATH).resolve(artifactId).resolve(version));
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
        if (classes != null) pack(classes, dir.resolve(artifactId + "-" + version + ".jar"));
    }

    private static void pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    /** The reactor's version, as the root pom states it right after the parent's artifactId. */
    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>webwx-bot-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find(), "the root pom names no version");
        return version.group(1);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) copy(path, to.resolve(from.relativize(path).toString()));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
