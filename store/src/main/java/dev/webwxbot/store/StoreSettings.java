package dev.webwxbot.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a {@link MessageStore} keeps messages. {@link #read} takes them from the {@code webwx-bot.store}
 * block (defaults in this module's {@code reference.conf}). {@code toString} never shows the password.
 *
 * @param jdbcUrl  {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}
 * @param user     PostgreSQL user; empty for SQLite
 * @param password PostgreSQL password; empty for SQLite
 * @param mediaDir where media files are saved by content hash
 * @param maxAge   retention: messages older than this are deleted
 * @param maxBytes retention: the database is kept under this many bytes
 */
public record StoreSettings(String jdbcUrl, String user, String password, Path mediaDir, MediaPolicy media,
        Duration maxAge, long maxBytes) {

    private static final String BLOCK = "webwx-bot.store";

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(mediaDir, "mediaDir");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** The defaults for a data folder: SQLite in {@code dataDir/messages.db}, media in {@code dataDir/media-store}. */
    public static StoreSettings sqlite(Path dataDir) {
        return new StoreSettings(sqliteUrl(dataDir), "", "", dataDir.resolve("media-store"), new MediaPolicy.All(),
                Duration.ofDays(365), 10L << 30);
    }

    /**
     * Reads the {@code webwx-bot.store} block of {@code root}, missing keys taken from the defaults.
     *
     * @throws ConfigException.BadValue naming the key when a value is not understood
     */
    public static StoreSettings read(Config root, Path dataDir) {
        Config store = block(root);
        String url = store.getString("url").strip();
        MediaPolicy media = media(store);
        return new StoreSettings(url.isEmpty() ? sqliteUrl(dataDir) : url, store.getString("user"),
                store.getString("password"), dataDir.resolve("media-store"), media,
                store.getDuration("retention.max-age"), store.getBytes("retention.max-size"));
    }

    /** Whether the operator wants messages stored ({@code webwx-bot.store.enabled}). */
    public static boolean enabled(Config root) {
        return block(root).getBoolean("enabled");
    }

    /** How often retention runs ({@code webwx-bot.store.retention.check-every}). */
    public static Duration checkEvery(Config root) {
        return block(root).getDuration("retention.check-every");
    }

    /** Whether this is an SQLite store (one file) rather than a server. */
    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public String toString() {
        return "StoreSettings[" + Database.describe(jdbcUrl) + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + ", mediaDir=" + mediaDir + ", media=" + media + ", maxAge="
                + maxAge + ", maxBytes=" + maxBytes + "]";
    }

    private static Config block(Config root) {
        // The module's own defaults, even when the caller built its Config without ConfigFactory.load().
        Config reference = ConfigFactory.defaultReference(StoreSettings.class.getClassLoader());
        return root.withFallback(reference).getConfig(BLOCK);
    }

    private static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("messages.db").toAbsolutePath();
    }

    private static MediaPolicy media(Config store) {
        String value = store.getString("media").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "all" -> new MediaPolicy.All();
            case "none" -> new MediaPolicy.None();
            default -> {
                try {
                    yield new MediaPolicy.UpTo(store.getBytes("media"));
                } catch (ConfigException e) {
                    throw new ConfigException.BadValue(store.origin(), BLOCK + ".media",
                            "expected \"all\", \"none\" or a size like \"25MiB\", not \"" + value + "\"", e);
                }
            }
        };
    }
}
