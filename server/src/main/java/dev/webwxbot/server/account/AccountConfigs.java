package dev.webwxbot.server.account;

import com.typesafe.config.ConfigUtil;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.server.ServerConfig;
import dev.webwxbot.server.alert.AlertSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the accounts of the daemon: the operator's {@code webwx-bot.accounts} block, and the accounts added through
 * the API ({@link AddedAccounts}). Without an {@code accounts} block there is one account, {@code default}, living
 * in the data folder itself as a single-account bot always did; with one, exactly the accounts it names (plus those
 * added through the API), each in {@code DATA_DIR/accounts/<id>/}.
 *
 * <p>Each account block may override the bot-wide {@code send}, {@code desktop-mode}, {@code timeouts},
 * {@code max-download}, {@code drain-time}, {@code permissions}, {@code identity-tags} and {@code safety}, and add its own {@code webhooks}; any other key is a mistake and
 * named as such.
 */
public final class AccountConfigs {

    /** The safety behaviours' block (issue 21), which an account may override sub-block by sub-block. */
    public static final String SAFETY = "safety";
    /** The keys an account block may hold: bot-wide keys (of {@code reference.conf}) an account may override. */
    public static final Set<String> KEYS =
            Set.of("send", "desktop-mode", "timeouts", "max-download", "drain-time", "webhooks",
                    AccountPermissions.BLOCK, IdentityTagSettings.BLOCK, SAFETY);
    /** The block's key under {@code webwx-bot}. */
    public static final String BLOCK = "accounts";
    static final String PATH = ServerConfig.ROOT + "." + BLOCK;

    private AccountConfigs() {
    }

    /**
     * Every account, the operator's first (in the order of their file), then those added through the API.
     *
     * @throws IllegalArgumentException naming the key for an invalid id or setting
     */
    public static List<AccountConfig> read(Config root, Path dataDir, Config added) {
        Map<String, AccountConfig> accounts = new LinkedHashMap<>();
        if (root.hasPath(PATH)) {
            Config block = root.getConfig(PATH);
            for (String id : block.root().keySet()) {
                accounts.put(id, one(root, id, section(block, id, PATH), dataDir, false));
            }
        } else {
            accounts.put(AccountConfig.DEFAULT_ID, one(root, AccountConfig.DEFAULT_ID, ConfigFactory.empty(), dataDir, false));
        }
        if (added.hasPath("accounts")) {
            Config block = added.getConfig("accounts");
            for (String id : block.root().keySet()) {
                if (accounts.containsKey(id)) continue; // the operator's file wins; the API refuses to add such an id
                accounts.put(id, one(root, id, section(block, id, "accounts.conf: accounts"), dataDir, true));
            }
        }
        return List.copyOf(accounts.values());
    }

    /** One account from its block, falling back to the bot-wide settings for whatever it does not set. */
    public static AccountConfig one(Config root, String id, Config block, Path dataDir, boolean fromApi) {
        AccountConfig.requireValidId(id);
        for (String key : block.root().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(PATH + "." + id + "." + key + ": unknown key; an account block takes "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        Config bot = block.withoutPath("webhooks").withFallback(root.getConfig(ServerConfig.ROOT));
        try {
            return new AccountConfig(id, folder(dataDir, id),
                    SendSettings.read(bot.getConfig("send")),
                    bot.getBoolean("desktop-mode"),
                    SessionTimeouts.read(bot.atKey(ServerConfig.ROOT)),
                    bot.getBytes("max-download"),
                    bot.getDuration("drain-time"),
                    IdentityTagSettings.read(bot.getConfig(IdentityTagSettings.BLOCK), PATH + "." + id + "."
                            + IdentityTagSettings.BLOCK),
                    LoginGuardConfig.read(bot, PATH + "." + id + "." + LoginGuardConfig.BLOCK),
                    AlertSettings.read(bot, PATH + "." + id + "." + AlertSettings.BLOCK),
                    fromApi,
                    SafetySettings.read(bot.getConfig(SafetySettings.BLOCK), PATH + "." + id + "." + SafetySettings.BLOCK),

                    WatchdogConfig.read(bot.getConfig(WatchdogConfig.BLOCK), PATH + "." + id + "." + WatchdogConfig.BLOCK));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(PATH + "." + id + ": " + e.getMessage(), e);
        }
    }

    /** Where an account keeps its session: the data folder itself for {@code default}, else its own folder. */
    public static Path folder(Path dataDir, String id) {
        return id.equals(AccountConfig.DEFAULT_ID) ? dataDir : dataDir.resolve("accounts").resolve(id);
    }

    private static Config section(Config block, String id, String where) {
        if (block.root().get(id).valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(where + "." + id + ": must be a block { … }, even an empty one");
        }
        return block.getConfig(ConfigUtil.quoteString(id));
    }
}
