package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.LoginGuardSettings;

/** Reads {@code webwx-bot.safety.login-guard} (or an account's own) into {@link LoginGuardSettings}. Stateless. */
public final class LoginGuardConfig {

    /** The block's path under {@code webwx-bot}. */
    public static final String BLOCK = "safety.login-guard";

    private LoginGuardConfig() {
    }

    /**
     * @param bot the bot-wide block, an account's overrides laid over it
     * @param path the block's path, for messages
     */
    public static LoginGuardSettings read(Config bot, String path) {
        Config block = bot.getConfig(BLOCK);
        try {
            return new LoginGuardSettings(block.getBoolean("enabled"), block.getDuration("window"),
                    block.getInt("max-fresh-logins"), block.getInt("max-resumes"), block.getDuration("backoff-base"),
                    block.getDuration("backoff-cap"), block.getInt("give-up-after"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(block.origin(), path, e.getMessage());
        }
    }
}
