package dev.webwxbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    static final Path DATA = Path.of("/var/lib/webwx-bot");

    static Config conf(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    @Test
    void anEmptyConfigurationMeansSqliteInTheDataFolderWithTheReferenceDefaults() {
        StoreSettings s = StoreSettings.read(ConfigFactory.empty(), DATA);
        assertEquals("jdbc:sqlite:/var/lib/webwx-bot/messages.db", s.jdbcUrl());
        assertTrue(s.isSqlite());
        assertEquals(DATA.resolve("media-store"), s.mediaDir());
        assertEquals(new MediaPolicy.All(), s.media());
        assertEquals(Duration.ofDays(365), s.maxAge());
        assertEquals(10L << 30, s.maxBytes());
        assertEquals(StoreSettings.sqlite(DATA), s);
        assertTrue(StoreSettings.enabled(ConfigFactory.empty()));
        assertEquals(Duration.ofHours(1), StoreSettings.checkEvery(ConfigFactory.empty()));
    }

    @Test
    void theOperatorsValuesWin() {
        Config c = conf("webwx-bot.store { enabled = false, url = \"jdbc:postgresql://db/bot\", user = bot,"
                + " password = secret, media = 25MiB, retention { max-age = 30d, max-size = 1GiB, check-every = 5m } }");
        StoreSettings s = StoreSettings.read(c, DATA);
        assertEquals("jdbc:postgresql://db/bot", s.jdbcUrl());
        assertFalse(s.isSqlite());
        assertEquals("bot", s.user());
        assertEquals(new MediaPolicy.UpTo(25L << 20), s.media());
        assertEquals(Duration.ofDays(30), s.maxAge());
        assertEquals(1L << 30, s.maxBytes());
        assertFalse(StoreSettings.enabled(c));
        assertEquals(Duration.ofMinutes(5), StoreSettings.checkEvery(c));
        assertEquals(new MediaPolicy.None(), StoreSettings.read(conf("webwx-bot.store.media = NONE"), DATA).media());
    }

    @Test
    void thePasswordNeverShowsInToString() {
        Config c = conf("webwx-bot.store { url = \"jdbc:postgresql://db/bot?password=hidden\", password = secret }");
        String text = StoreSettings.read(c, DATA).toString();
        assertFalse(text.contains("secret"), text);
        assertFalse(text.contains("hidden"), text);
        assertTrue(text.contains("jdbc:postgresql://db/bot?..."), text);
    }

    @Test
    void aMediaValueThatIsNoPolicyNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.BadValue.class,
                () -> StoreSettings.read(conf("webwx-bot.store.media = some"), DATA));
        assertTrue(e.getMessage().contains("webwx-bot.store.media"), e.getMessage());
    }

    @Test
    void anUnsupportedDatabaseIsRefusedWithWhatIsSupported() {
        StoreSettings s = StoreSettings.read(conf("webwx-bot.store.url = \"jdbc:mysql://db/bot\""), DATA);
        StoreException e = assertThrows(StoreException.class, () -> MessageStore.open(s));
        assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("supports SQLite"), e.getMessage());
    }

    @Test
    void aPostgresqlServerThatDoesNotAnswerIsReportedUnavailableWithoutThePassword() {
        StoreSettings s = StoreSettings.read(conf("webwx-bot.store { url = \"jdbc:postgresql://127.0.0.1:1/bot"
                + "?connectTimeout=2\", user = bot, password = secret }"), DATA);
        StoreException e = assertThrows(StoreException.class, () -> MessageStore.open(s));
        assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().startsWith("the PostgreSQL message store jdbc:postgresql://127.0.0.1:1/bot?..."
                + " cannot be reached"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
