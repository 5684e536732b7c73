package dev.webwxbot.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code run} and friends share; each one overrides the matching configuration key. */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON configuration file (default: config/application.conf of the installation)")
    Path config;

    @Option(names = "--server", paramLabel = "URL",
            description = "send every WeChat host to this server, e.g. http://127.0.0.1:8080 (key webwx-bot.server)")
    String server;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "session, media and logs (key webwx-bot.data-dir)")
    Path dataDir;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "plugin jars (key webwx-bot.plugins-dir)")
    Path pluginsDir;

    /** These options, each one not given taken from {@code outer}'s (those of a parent command). */
    CommonOptions orElse(CommonOptions outer) {
        CommonOptions merged = new CommonOptions();
        merged.config = config != null ? config : outer.config;
        merged.server = server != null ? server : outer.server;
        merged.dataDir = dataDir != null ? dataDir : outer.dataDir;
        merged.pluginsDir = pluginsDir != null ? pluginsDir : outer.pluginsDir;
        return merged;
    }

    /** The configuration file under the options given on the command line. */
    public LauncherSettings settings() {
        Path file = configFile();
        LauncherSettings settings = LauncherSettings.load(Optional.of(file));
        if (server != null) settings = settings.withServer(LauncherSettings.parseServer(server));
        if (dataDir != null) settings = settings.withDataDir(dataDir);
        if (pluginsDir != null) settings = settings.withPluginsDir(pluginsDir);
        return settings;
    }

    /** The configuration file in effect: {@code --config}, else {@code config/application.conf} of the installation. */
    Path configFile() {
        return configFile("application.conf");
    }

    /** {@code --config}, else the named file in the {@code config} folder of the installation. */
    Path configFile(String defaultName) {
        Path home = Path.of(System.getProperty("webwx-bot.home", "."));
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("configuration file " + config.toAbsolutePath() + " does not exist");
        }
        return config != null ? config : home.resolve("config").resolve(defaultName);
    }

    /** The whole configuration (the chain's and the plugins' blocks included) from {@link #configFile()}. */
    public com.typesafe.config.Config operatorConfig() {
        return OperatorConfig.load(Optional.of(configFile()));
    }
}
