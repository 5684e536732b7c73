package dev.webwxbot.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operator's whole configuration the Typesafe Config way: {@code -D} system properties (and, with
 * {@code -Dconfig.override_with_env_vars=true}, {@code CONFIG_FORCE_*} environment variables) over the operator's
 * file over the {@code reference.conf} files on the class path, validated against them.
 */
public final class ServerConfig {

    /** The block every setting of the bot itself lives in; plugins' blocks live under {@code plugins}. */
    public static final String ROOT = "webwx-bot";

    private ServerConfig() {
    }

    /** Reads {@code file} (when given and present) over the defaults, resolved and checked. */
    public static Config load(Optional<Path> file) {
        Config operator = file.filter(Files::isRegularFile)
                .map(path -> ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
                .orElse(ConfigFactory.empty());
        Config reference = ConfigFactory.defaultReference(ServerConfig.class.getClassLoader());
        Config config = ConfigFactory.defaultOverrides().withFallback(operator).withFallback(reference).resolve();
        config.checkValid(reference, ROOT);
        return config;
    }
}
