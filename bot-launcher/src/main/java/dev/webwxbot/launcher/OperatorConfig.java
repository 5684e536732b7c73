package dev.webwxbot.launcher;

import com.typesafe.config.Config;
import dev.webwxbot.server.ServerConfig;
import dev.webwxbot.core.chain.ChainSettings;
import dev.webwxbot.core.chain.CommandSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operator's whole configuration the Typesafe Config way, {@code -D} system properties (and, with
 * {@code -Dconfig.override_with_env_vars=true}, {@code CONFIG_FORCE_*} environment variables) over the operator's
 * file over the launcher's {@code reference.conf}, validated against the reference; and the chain's part of it.
 * The plugins' blocks ({@code plugins.<id>}) are read by the core's plugin host from the same {@link Config}.
 */
public final class OperatorConfig {

    private OperatorConfig() {
    }

    /** Reads {@code file} (when given and present) over the defaults, resolved and checked. */
    public static Config load(Optional<Path> file) {
        return ServerConfig.load(file);
    }

    /**
     * {@code webwx-bot.chain}: order, time budget, breaker and trace capacity.
     *
     * @throws IllegalArgumentException naming the key for a value out of range
     */
    static ChainSettings chainSettings(Config config) {
        Config chain = config.getConfig(LauncherSettings.ROOT + ".chain");
        try {
            return ChainSettings.read(chain);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LauncherSettings.ROOT + ".chain: " + e.getMessage(), e);
        }
    }

    /**
     * {@code webwx-bot.commands}: the prefix commands start with.
     *
     * @throws IllegalArgumentException naming the key for a prefix with spaces around it
     */
    static CommandSettings commandSettings(Config config) {
        try {
            return CommandSettings.read(config.getConfig(LauncherSettings.ROOT + ".commands"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LauncherSettings.ROOT + ".commands: " + e.getMessage(), e);
        }
    }
}
