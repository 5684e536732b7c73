package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import dev.webwxbot.server.ServerConfig;
import dev.webwxbot.core.SendLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendSettingsTest {

    @TempDir
    Path dir;

    @Test
    void referenceConfDefaultsAreTheCoreDefaults() {
        assertEquals(SendLimits.defaults(), SendSettings.read(ServerConfig.load(Optional.empty()).getConfig("webwx-bot.send")));
    }

    @Test
    void operatorFileChangesSingleKeysAndKeepsTheOthers() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot.send { global-per-minute = 12, min-gap = 2s, max-gap = 5s, max-retries = 0 }");
        SendLimits limits = SendSettings.read(ServerConfig.load(Optional.of(file)).getConfig("webwx-bot.send"));
        assertEquals(12, limits.globalPerMinute());
        assertEquals(Duration.ofSeconds(2), limits.minGap());
        assertEquals(Duration.ofSeconds(5), limits.maxGap());
        assertEquals(0, limits.maxRetries());
        assertEquals(SendLimits.defaults().perChatPerMinute(), limits.perChatPerMinute());
    }

    @Test
    void limitsThatContradictEachOtherAreRefusedNamingTheBlock() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot.send { min-gap = 5s, max-gap = 1s }");
        ConfigException error = assertThrows(ConfigException.class, () -> SendSettings.read(ServerConfig.load(Optional.of(file)).getConfig("webwx-bot.send")));
        assertTrue(error.getMessage().contains("webwx-bot.send"), error.getMessage());
        assertTrue(error.getMessage().contains("minGap"), error.getMessage());
    }

    @Test
    void aRateThatIsNotANumberNamesTheKey() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot.send.global-per-minute = fast");
        ConfigException error = assertThrows(ConfigException.class, () -> SendSettings.read(ServerConfig.load(Optional.of(file)).getConfig("webwx-bot.send")));
        assertTrue(error.getMessage().contains("global-per-minute"), error.getMessage());
    }
}
