package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import dev.webwxbot.core.chain.Permissions;
import dev.webwxbot.server.ServerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads who is who for each account: {@code webwx-bot.permissions} for every account, and an account's own
 * {@code webwx-bot.accounts.<id>.permissions} laid over it key by key (a list it sets replaces the bot-wide list;
 * its {@code groups} add to the bot-wide groups). Accounts added through the API have the bot-wide roles.
 * Stateless.
 */
public final class AccountPermissions {

    /** The block's key under {@code webwx-bot}, and under each account's block. */
    public static final String BLOCK = "permissions";
    private static final String PATH = ServerConfig.ROOT + "." + BLOCK;

    private AccountPermissions() {
    }

    /**
     * The roles of every account, by account id.
     *
     * @throws dev.webwxbot.api.InvalidSettingsException naming the key for an unknown key or a malformed entry
     */
    public static Function<String, Permissions> read(Config root) {
        Config bot = root.hasPath(PATH) ? root.getConfig(PATH) : ConfigFactory.empty();
        Permissions defaults = Permissions.read(new ConfigPluginSettings(bot, PATH));
        Map<String, Permissions> own = new HashMap<>();
        if (root.hasPath(AccountConfigs.PATH)
                && root.getValue(AccountConfigs.PATH).valueType() == ConfigValueType.OBJECT) {
            Config accounts = root.getConfig(AccountConfigs.PATH);
            for (String id : accounts.root().keySet()) {
                String path = ConfigUtil.joinPath(id, BLOCK);
                if (!accounts.hasPath(path)) continue;
                String key = AccountConfigs.PATH + "." + path;
                own.put(id, Permissions.read(new ConfigPluginSettings(accounts.getConfig(path).withFallback(bot), key)));
            }
        }
        return id -> own.getOrDefault(id, defaults);
    }
}
