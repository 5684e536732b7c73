package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import dev.webwxbot.server.ServerConfig;
import dev.webwxbot.core.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void referenceConfDefaultsAreTheCoreDefaults() {
        SessionOptions core = SessionOptions.defaults();
        SessionOptions read = SessionTimeouts.read(ServerConfig.load(Optional.empty())).applyTo(core);
        assertEquals(core, read);
    }

    @Test
    void operatorFileShortensSingleTimeoutsAndKeepsTheOthers() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot.timeouts { sync-check = 4s, call = 1500ms }");
        SessionOptions options = SessionTimeouts.read(ServerConfig.load(Optional.of(file)))
                .applyTo(SessionOptions.defaults());
        assertEquals(Duration.ofSeconds(4), options.syncCheckTimeout());
        assertEquals(Duration.ofMillis(1500), options.callTimeout());
        assertEquals(SessionOptions.defaults().loginPollTimeout(), options.loginPollTimeout());
    }

    @Test
    void aTimeoutOfZeroIsRefusedNamingItsKey() throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "webwx-bot.timeouts.call = 0s");
        ConfigException error = assertThrows(ConfigException.class,
                () -> SessionTimeouts.read(ServerConfig.load(Optional.of(file))));
        assertTrue(error.getMessage().contains("webwx-bot.timeouts.call"), error.getMessage());
    }
}
