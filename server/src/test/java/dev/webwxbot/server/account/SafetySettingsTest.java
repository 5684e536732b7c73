package dev.webwxbot.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.core.LoginGuardSettings;
import dev.webwxbot.server.alert.AlertSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The login guard's and the alerts' settings: the defaults, an account's own overrides, and mistakes named by key. */
class SafetySettingsTest {

    private static List<AccountConfig> read(String text) {
        Config config = ConfigFactory.parseString(text).withFallback(ConfigFactory.defaultReference()).resolve();
        return AccountConfigs.read(config, Path.of("data"), ConfigFactory.empty());
    }

    @Test
    void theDefaultsAreFiveFreshLoginsAnHourAndTheFileHelperWithoutEmail() {
        AccountConfig only = read("").getFirst();
        assertEquals(LoginGuardSettings.defaults(), only.loginGuard());
        assertEquals(Duration.ofMinutes(10), only.alerts().minInterval());
        assertTrue(only.alerts().fileHelper());
        assertTrue(only.alerts().email().isEmpty());
    }

    @Test
    void anAccountOverridesTheBotWideBlocksKeyByKey() {
        List<AccountConfig> accounts = read("""
                webwx-bot.safety.login-guard.window = 2h
                webwx-bot.accounts {
                  shop { safety { login-guard { max-fresh-logins = 3 }, alerts { file-helper.enabled = false } } }
                  support { }
                }
                """);
        AccountConfig shop = accounts.get(0);
        AccountConfig support = accounts.get(1);
        assertEquals(3, shop.loginGuard().maxFreshLogins());
        assertEquals(Duration.ofHours(2), shop.loginGuard().window(), "the bot-wide window under the account's ceiling");
        assertFalse(shop.alerts().fileHelper());
        assertEquals(5, support.loginGuard().maxFreshLogins());
        assertTrue(support.alerts().fileHelper());
    }

    @Test
    void emailTakesItsPasswordFromTheFileAndHidesItInItsText() {
        AlertSettings alerts = read("""
                webwx-bot.safety.alerts.email { enabled = true, host = "smtp.example.com", user = "bot",
                  password = "hunter2-secret", from = "bot@example.com", to = [ "owner@example.com" ] }
                """).getFirst().alerts();
        AlertSettings.Email email = alerts.email().orElseThrow();
        assertEquals("hunter2-secret", email.password());
        assertEquals(587, email.port());
        assertTrue(email.starttls());
        assertFalse(email.toString().contains("hunter2-secret"), email.toString());
    }

    @Test
    void mistakesAreNamedByTheirKey() {
        IllegalArgumentException noRecipient = assertThrows(IllegalArgumentException.class, () -> read("""
                webwx-bot.safety.alerts.email { enabled = true, host = "smtp.example.com", from = "bot@example.com" }
                """));
        assertTrue(noRecipient.getMessage().contains("email.to must name at least one address"), noRecipient.getMessage());
        IllegalArgumentException unsetEnv = assertThrows(IllegalArgumentException.class, () -> read("""
                webwx-bot.safety.alerts.email { enabled = true, host = "smtp.example.com", from = "bot@example.com",
                  to = [ "owner@example.com" ], password-env = "WEBWX_TEST_SURELY_UNSET_PASSWORD" }
                """));
        assertTrue(unsetEnv.getMessage().contains("WEBWX_TEST_SURELY_UNSET_PASSWORD, which is not set"),
                unsetEnv.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> read("""
                webwx-bot.accounts.shop.safety.login-guard.max-fresh-logins = 0
                """));
        assertTrue(zero.getMessage().contains("webwx-bot.accounts.shop.safety.login-guard")
                && zero.getMessage().contains("max-fresh-logins must be at least 1"), zero.getMessage());
    }
}
