package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.WatchdogSettings;

/**
 * The {@code safety.watchdog} block, bot-wide under {@code webwx-bot} or in an account's block: the zombie-session
 * watchdog's settings. Every key is in {@code reference.conf}. Stateless.
 */
public final class WatchdogConfig {

    /** The block's path under {@code webwx-bot}, and under each account's block. */
    public static final String BLOCK = "safety.watchdog";

    private WatchdogConfig() {
    }

    /**
     * The settings the block describes.
     *
     * @param path the block's full path, for the message of a bad value
     * @throws ConfigException.BadValue naming the block when a value is out of range
     */
    public static WatchdogSettings read(Config block, String path) {
        try {
            return new WatchdogSettings(block.getBoolean("enabled"), block.getDuration("check-interval"),
                    block.getDuration("quiet-limit"), block.getInt("expected-messages"), block.getInt("learning-days"),
                    block.getDuration("frozen-key-limit"), block.getDuration("echo-wait"), block.getInt("missing-echoes"),
                    block.getString("probe-text"), block.getDuration("probe-timeout"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(block.origin(), path, e.getMessage());
        }
    }
}
