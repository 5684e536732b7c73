package dev.webwxbot.launcher.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PluginNameTest {

    @Test
    void everyNameDerivesFromTheId() {
        PluginName name = PluginName.of("weather-report", null, null);
        assertEquals("com.example", name.groupId());
        assertEquals("weather-report-plugin", name.artifactId());
        assertEquals("com.example.weatherreport", name.javaPackage());
        assertEquals("com/example/weatherreport", name.packagePath());
        assertEquals("WeatherReportHandler", name.className());
        assertEquals("V2Handler", PluginName.of("v2", null, null).className());
    }

    @Test
    void theGroupAndThePackageMayBeGiven() {
        PluginName name = PluginName.of("ping", "org.my-team", null);
        assertEquals("org.my_team.ping", name.javaPackage(), "a hyphen of the group is no package character");
        assertEquals("io.chat.bots", PluginName.of("ping", "org.example", "io.chat.bots").javaPackage());
    }

    @Test
    void badIdsAreRefusedSayingWhatIsWrongAndWhatAGoodOneLooksLike() {
        assertMessage("'Ping' is not a valid plugin name: it has capital letters (try 'ping')", "Ping");
        assertMessage("'my plugin' is not a valid plugin name: it contains a space", "my plugin");
        assertMessage("'2fa' is not a valid plugin name: it does not start with a letter", "2fa");
        assertMessage("'ping-' is not a valid plugin name: it ends with a hyphen", "ping-");
        assertMessage("'a--b' is not a valid plugin name: it has two hyphens in a row", "a--b");
        assertMessage("'a.b' is not a valid plugin name: it contains a dot", "a.b");
        assertMessage("'' is not a valid plugin name: it is empty", "");
        assertMessage("is longer than 40 characters", "a".repeat(41));
        String message = assertThrows(IllegalArgumentException.class, () -> PluginName.of("ping!", null, null)).getMessage();
        assertTrue(message.endsWith("A plugin name is lower-case letters, digits and single hyphens, starting with a"
                + " letter (e.g. ping, weather-report); it is also the plugin's configuration block plugins.<name>."),
                message);
    }

    @Test
    void theIdOfABundledPluginIsRefused() {
        assertMessage("'echo' is the name of a plugin that comes with webwx-bot", "echo");
        assertMessage("'auto-reply' is the name of a plugin that comes with webwx-bot", "auto-reply");
    }

    @Test
    void theBundledIdsAreThoseOfTheDistributionsPluginJars() throws IOException {
        Path plugins = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"));
        Set<String> ids;
        try (Stream<Path> jars = Files.list(plugins)) {
            ids = jars.filter(p -> p.toString().endsWith(".jar")).map(PluginNameTest::pluginId).collect(Collectors.toSet());
        }
        assertEquals(PluginName.BUNDLED, ids);
    }

    @Test
    void aGroupOrPackageJavaCannotTakeIsRefused() {
        String keyword = assertThrows(IllegalArgumentException.class, () -> PluginName.of("do", null, null)).getMessage();
        assertEquals("'com.example.do' is not a Java package name (each part a Java identifier that is not a keyword,"
                + " e.g. org.example.ping); give one with --package", keyword);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginName.of("ping", "org..example", null))
                .getMessage().startsWith("'org..example' is not a Maven group id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginName.of("ping", null, "org.1x"))
                .getMessage().startsWith("'org.1x' is not a Java package name"));
    }

    private static void assertMessage(String expectedStart, String id) {
        String message = assertThrows(IllegalArgumentException.class, () -> PluginName.of(id, null, null)).getMessage();
        assertTrue(message.contains(expectedStart), message);
    }

    private static String pluginId(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Plugin-Id");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
