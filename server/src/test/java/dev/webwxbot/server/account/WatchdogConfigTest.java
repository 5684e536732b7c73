package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.core.WatchdogSettings;
import dev.webwxbot.server.InvalidConfigException;
import dev.webwxbot.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot.safety.watchdog}: its defaults are the core's, an account may set its own, mistakes are named. */
class WatchdogConfigTest {

    @TempDir
    Path dir;

    private Config load(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("application.conf"), text);
        return ServerConfig.load(Optional.of(file));
    }

    private List<AccountConfig> accounts(Config config) {
        return AccountConfigs.read(config, dir, ConfigFactory.empty());
    }

    @Test
    void referenceConfDefaultsAreTheCoreDefaultsAndReachTheSessionOptions() {
        AccountConfig only = accounts(ServerConfig.load(Optional.empty())).getFirst();
        assertEquals(WatchdogSettings.defaults(), only.watchdog());
        assertEquals(WatchdogSettings.defaults(), only.sessionOptions().watchdog());
    }

    @Test
    void theWatchdogIsTurnedOffBotWideOrForOneAccount() throws Exception {
        assertFalse(accounts(load("webwx-bot.safety.watchdog.enabled = false")).getFirst().watchdog().enabled());
        List<AccountConfig> two = accounts(load("""
                webwx-bot.accounts {
                  shop { safety.watchdog { enabled = false } }
                  support { safety.watchdog { quiet-limit = 2h, probe-text = "ping" } }
                }
                """));
        assertFalse(two.get(0).watchdog().enabled());
        WatchdogSettings support = two.get(1).watchdog();
        assertTrue(support.enabled());
        assertEquals(Duration.ofHours(2), support.quietLimit());
        assertEquals("ping", support.probeText());
        assertEquals(WatchdogSettings.defaults().expectedMessages(), support.expectedMessages(), "the rest bot-wide");
    }

    @Test
    void anUnknownWatchdogKeyIsRefusedWithTheKeyMeant() throws Exception {
        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> load("webwx-bot.safety.watchdog { quiet-limt = 1h }"));
        assertTrue(bad.problems().getFirst().endsWith(
                "webwx-bot.safety.watchdog.quiet-limt: unknown key; did you mean quiet-limit?"), bad.problems().toString());
        InvalidConfigException inAccount = assertThrows(InvalidConfigException.class,
                () -> load("webwx-bot.accounts.shop.safety.watchdog { probe-txt = x }"));
        assertTrue(inAccount.problems().getFirst().contains("probe-txt: unknown key; did you mean probe-text?"),
                inAccount.problems().toString());
    }

    @Test
    void anOutOfRangeValueNamesItsBlock() throws Exception {
        Config config = load("webwx-bot.safety.watchdog.learning-days = 90");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> accounts(config));
        assertTrue(error.getMessage().contains("safety.watchdog") && error.getMessage().contains("learningDays"),
                error.getMessage());
    }
}
