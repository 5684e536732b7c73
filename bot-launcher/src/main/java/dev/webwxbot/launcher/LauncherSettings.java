package dev.webwxbot.launcher;

import dev.webwxbot.server.account.SendSettings;
import com.typesafe.config.Config;
import dev.webwxbot.core.SendLimits;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's settings, read from HOCON the Typesafe Config way: {@code -D} system properties over the
 * operator's file over the launcher's {@code reference.conf}. Immutable.
 *
 * @param server where to send every WeChat request instead of the real hosts; empty for the real servers
 * @param desktopMode log in as the UOS desktop client
 * @param lang the protocol's {@code lang}
 * @param dataDir where session files, media and logs go
 * @param pluginsDir where plugin jars are loaded from
 * @param sendLimits how fast the bot may send ({@code webwx-bot.send})
 * @param record where to record every HTTP exchange ({@code --record}); empty: nothing is recorded
 */
public record LauncherSettings(Optional<URI> server, boolean desktopMode, String lang, Path dataDir, Path pluginsDir,
                               SendLimits sendLimits, Optional<Path> record) {

    public LauncherSettings(Optional<URI> server, boolean desktopMode, String lang, Path dataDir, Path pluginsDir,
                            SendLimits sendLimits) {
        this(server, desktopMode, lang, dataDir, pluginsDir, sendLimits, Optional.empty());
    }

    static final String ROOT = "webwx-bot";

    /** Reads {@code file} (when given and present) over the defaults; command-line overrides come after. */
    public static LauncherSettings load(Optional<Path> file) {
        Config bot = OperatorConfig.load(file).getConfig(ROOT);
        String server = bot.getString("server").trim();
        return new LauncherSettings(
                server.isEmpty() ? Optional.empty() : Optional.of(parseServer(server)),
                bot.getBoolean("desktop-mode"),
                bot.getString("lang"),
                Path.of(bot.getString("data-dir")),
                Path.of(bot.getString("plugins-dir")),
                SendSettings.read(bot.getConfig("send")));
    }

    /** Accepts {@code http://host:port} or {@code https://host:port}; anything else is an operator error. */
    static URI parseServer(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server '" + value + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("server must look like http://127.0.0.1:8080, not '" + value + "'");
        }
        return uri;
    }

    LauncherSettings withServer(URI newServer) {
        return new LauncherSettings(Optional.of(newServer), desktopMode, lang, dataDir, pluginsDir, sendLimits, record);
    }

    LauncherSettings withPluginsDir(Path dir) {
        return new LauncherSettings(server, desktopMode, lang, dataDir, dir, sendLimits, record);
    }

    LauncherSettings withDataDir(Path dir) {
        return new LauncherSettings(server, desktopMode, lang, dir, pluginsDir, sendLimits, record);
    }

    LauncherSettings withRecord(Path file) {
        return new LauncherSettings(server, desktopMode, lang, dataDir, pluginsDir, sendLimits, Optional.of(file));
    }
}
