package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherSettingsTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearOverrides() {
        System.clearProperty("webwx-bot.lang");
        ConfigFactory.invalidateCaches();
    }

    @Test
    void defaultsTalkToTheRealServersInDesktopMode() {
        LauncherSettings settings = LauncherSettings.load(Optional.empty());
        assertTrue(settings.server().isEmpty());
        assertTrue(settings.desktopMode());
        assertEquals("zh_CN", settings.lang());
        assertEquals(Path.of("./plugins"), settings.pluginsDir());
    }

    @Test
    void operatorFileOverridesDefaultsAndSystemPropertiesOverrideTheFile() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot { server = \"http://127.0.0.1:9000\", desktop-mode = false, lang = en_US }");
        System.setProperty("webwx-bot.lang", "zh_TW");
        ConfigFactory.invalidateCaches();
        LauncherSettings settings = LauncherSettings.load(Optional.of(file));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), settings.server());
        assertFalse(settings.desktopMode());
        assertEquals("zh_TW", settings.lang());
    }

    @Test
    void wrongTypeInTheOperatorFileNamesTheKey() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot { desktop-mode = sometimes }");
        ConfigException error = assertThrows(ConfigException.class, () -> LauncherSettings.load(Optional.of(file)));
        assertTrue(error.getMessage().contains("desktop-mode"), error.getMessage());
    }

    @Test
    void serverThatIsNotAnHttpUrlIsRefusedWithAnExample() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.parseServer("localhost:8080"));
        assertTrue(error.getMessage().contains("http://127.0.0.1:8080"), error.getMessage());
    }

    @Test
    void missingConfigurationFileIsOneClearLineAndExitCodeTwo() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine command = Main.commandLine();
        command.setErr(new java.io.PrintWriter(err, true));
        int exit = command.execute("run", "--config", dir.resolve("missing.conf").toString());
        assertEquals(Main.CONFIGURATION_ERROR, exit);
        assertTrue(err.toString().startsWith("webwx-bot: configuration file "), err.toString());
        assertTrue(err.toString().contains("missing.conf does not exist"), err.toString());
    }
}
