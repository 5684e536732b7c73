package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.IdentityTagging;

/**
 * The {@code identity-tags} block, bot-wide under {@code webwx-bot} or in an account's block: whether the bot writes
 * stable tags into friends' remark names (or removes them), and how many per login. Every key is in {@code reference.conf}. Stateless.
 */
public final class IdentityTagSettings {

    /** The block's key under {@code webwx-bot}, and under each account's block. */
    public static final String BLOCK = "identity-tags";
    /** The most tags one login may write: each is an account operation, and a burst of them is conspicuous. */
    static final int MOST_PER_LOGIN = 200;

    private IdentityTagSettings() {
    }

    /**
     * What a login does: removes the bot's tags with {@code remove}, else writes them when {@code enabled}, at most
     * {@code per-login} each time.
     *
     * @param path the block's path, for the message of a bad value
     * @throws ConfigException.BadValue when {@code per-login} is not 1 to {@value #MOST_PER_LOGIN}
     */
    public static IdentityTagging read(Config block, String path) {
        int perLogin = block.getInt("per-login");
        if (perLogin < 1 || perLogin > MOST_PER_LOGIN) {
            throw new ConfigException.BadValue(block.origin(), path + ".per-login",
                    "must be 1 to " + MOST_PER_LOGIN + ", was " + perLogin);
        }
        if (block.getBoolean("remove")) return new IdentityTagging(IdentityTagging.Mode.REMOVE, perLogin);
        if (block.getBoolean("enabled")) return new IdentityTagging(IdentityTagging.Mode.WRITE, perLogin);
        return IdentityTagging.OFF;
    }
}
