package dev.webwxbot.launcher.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/** What {@code new-plugin} writes, short of building it with Maven (NewPluginIT does that, from the distribution). */
class NewPluginCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void writesTheProjectFilesAndSaysWhatToDoNext() throws Exception {
        Path project = dir.resolve("weather");
        assertEquals(0, run(dir, "weather-report", "--dir", project.toString(), "--no-install-api"), err.toString());

        List<String> files = List.of("pom.xml", "src/main/java/com/example/weatherreport/WeatherReportHandler.java",
                "src/main/resources/reference.conf",
                "src/test/java/com/example/weatherreport/WeatherReportHandlerTest.java", "README.md", ".gitignore");
        try (Stream<Path> written = Files.walk(project)) {
            assertEquals(files.stream().sorted().toList(), written.filter(Files::isRegularFile)
                    .map(p -> project.relativize(p).toString()).sorted().toList());
        }
        for (String file : files) {
            assertFalse(Files.readString(project.resolve(file)).contains("{{"), file + " has a placeholder left");
        }
        String printed = out.toString();
        assertTrue(printed.startsWith("Created the weather-report plugin in " + project + ":\n  pom.xml\n"), printed);
        assertTrue(printed.contains("  webwx-bot mvn package      builds it and runs its tests:"
                + " target/weather-report-plugin-1.0.0.jar\n"), printed);
        assertFalse(printed.contains("Installed"), "--no-install-api");
    }

    @Test
    void examplesFirstPluginIsExactlyWhatNewPluginPingMakes() throws Exception {
        // The plugin authors' guide shows examples/first-plugin verbatim (core's FirstPluginExampleTest): keeping
        // the example equal to the generator's output keeps the guide, the example and new-plugin telling one story.
        Path project = dir.resolve("ping-plugin");
        assertEquals(0, run(dir, "ping", "--dir", project.toString(), "--no-install-api"), err.toString());
        Path example = Path.of("..", "examples", "first-plugin");
        List<String> made;
        List<String> kept;
        try (Stream<Path> written = Files.walk(project); Stream<Path> checkedIn = Files.walk(example)) {
            made = written.filter(Files::isRegularFile).map(p -> project.relativize(p).toString()).sorted().toList();
            kept = checkedIn.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/"))
                    .map(p -> example.relativize(p).toString()).sorted().toList();
        }
        assertEquals(made, kept, "examples/first-plugin holds the files new-plugin makes");
        for (String file : made) {
            assertEquals(Files.readString(project.resolve(file)), Files.readString(example.resolve(file)),
                    "examples/first-plugin/" + file + " differs from what `new-plugin ping` makes: regenerate it");
        }
    }

    @Test
    void thePomBuildsAgainstThisBotWithTheKitAndNamesThePluginInTheManifest() throws Exception {
        Path project = dir.resolve("p");
        assertEquals(0, run(dir, "ping", "--dir", project.toString(), "--group", "org.example", "--no-install-api"));
        Element pom = ApiArtifacts.parser().parse(project.resolve("pom.xml").toFile()).getDocumentElement();
        ProjectTemplate.Versions versions = ProjectTemplate.Versions.ofThisBuild();
        assertEquals("org.example", text(pom, "groupId"));
        assertEquals("ping-plugin", text(pom, "artifactId"));
        assertEquals("ping", text(pom, "properties", "plugin.id"));
        assertEquals(versions.bot(), text(pom, "properties", "webwx-bot.version"));
        assertFalse(versions.bot().contains("${"), "the launcher's build filled in its version");
        assertEquals(versions.pf4j(), text(pom, "properties", "pf4j.version"));
        String xml = Files.readString(project.resolve("pom.xml"));
        assertTrue(xml.contains("<artifactId>plugin-testkit</artifactId>"), xml);
        assertTrue(xml.contains("<Plugin-Id>${plugin.id}</Plugin-Id>"), xml);
        assertTrue(xml.contains("Build with `webwx-bot mvn package`"), "the enforcer's message names the command");
    }

    @Test
    void theReferenceConfHoldsThePluginsDefaultsBlock() throws Exception {
        Path project = dir.resolve("p");
        assertEquals(0, run(dir, "weather-report", "--dir", project.toString(), "--no-install-api"));
        Config reference = ConfigFactory.parseFile(project.resolve("src/main/resources/reference.conf").toFile());
        assertEquals("weather-report", reference.getString("plugins.weather-report.trigger"));
        assertEquals("Hello {sender}, weather-report here", reference.getString("plugins.weather-report.answer"));
    }

    @Test
    void theHandlerCompilesAgainstThePluginApiAndIsListedAsAnExtension() throws Exception {
        Path project = dir.resolve("p");
        assertEquals(0, run(dir, "ping", "--dir", project.toString(), "--package", "org.example.ping", "--no-install-api"));
        Path handler = project.resolve("src/main/java/org/example/ping/PingHandler.java");
        assertTrue(Files.readAllLines(handler).size() < 40, "a first plugin in under 40 lines");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // The test class path has plugin-api and PF4J, whose annotation processor writes META-INF/extensions.idx. It
        // also has jars whose manifests name jars that are not there (cron-utils names slf4j-api-2.0.7.jar beside
        // itself): "-path" keeps that warning about the test JVM, not the handler, from failing the compile.
        int code = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-Xlint:all,-processing,-path", "-Werror",
                "--release", "21",
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), handler.toString());
        assertEquals(0, code, diagnostics.toString());
        assertEquals("org.example.ping.PingHandler",
                Files.readString(classes.resolve("META-INF/extensions.idx")).lines()
                        .filter(l -> !l.startsWith("#")).findFirst().orElse(""));
    }

    @Test
    void installsThePluginApiOfTheInstallationIntoTheGivenRepository() throws Exception {
        Path home = FakeInstallation.at(dir.resolve("home"));
        Path repo = dir.resolve("repo");
        assertEquals(0, run(home, "ping", "--dir", dir.resolve("p").toString(), "--repo", repo.toString()), err.toString());
        assertTrue(Files.isRegularFile(repo.resolve("dev/webwxbot/plugin-testkit/" + FakeInstallation.VERSION
                + "/plugin-testkit-" + FakeInstallation.VERSION + ".jar")));
        assertTrue(out.toString().contains("\nInstalled the plugin API of webwx-bot " + FakeInstallation.VERSION
                + " into " + repo + " (--repo): plugin-api, plugin-testkit, webwx-bot-parent.\n"), out.toString());
    }

    @Test
    void anInstallationWithoutThePluginApiLeavesNoProjectBehind() {
        Path project = dir.resolve("p");
        Path repo = dir.resolve("repo");
        assertEquals(1, run(dir.resolve("no-home"), "ping", "--dir", project.toString(), "--repo", repo.toString()));
        assertTrue(err.toString().contains("no plugin API artifacts in "), err.toString());
        assertFalse(Files.exists(project));
        assertFalse(Files.exists(repo));
    }

    @Test
    void anEmptyExistingFolderIsUsed() throws Exception {
        Path project = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, run(dir, "ping", "--dir", project.toString(), "--no-install-api"), err.toString());
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
    }

    private int run(Path home, String... args) {
        return new CommandLine(new NewPluginCommand(home))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private static String text(Element from, String... path) {
        Element element = ApiArtifacts.firstChild(from, path);
        return element == null ? null : element.getTextContent().strip();
    }
}
