package dev.webwxbot.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.api.DidYouMean;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import dev.webwxbot.server.account.AccountConfigs;
import dev.webwxbot.server.webhook.WebhookTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the bot's own part of the operator's configuration, {@code webwx-bot.*}, against the {@code reference.conf}
 * files on the class path (the server's and the store's): a key they do not define is a mistake, reported with the
 * file, line and the known key it is probably a typo of. Blocks of names the operator chooses are checked entry by
 * entry against their template: each {@code accounts.<id>} against the bot-wide keys an account may override, each
 * webhook entry against {@link WebhookTarget#ENTRY_KEYS}. A few keys of the file's top level that belong inside
 * {@code webwx-bot} (or misspell it) are reported too; other top-level keys are the operator's own (substitution
 * variables) and left alone. Plugins' blocks ({@code plugins.<id>}) are each plugin's to check. Stateless.
 */
final class StrictConfig {

    private static final String PLUGINS = "plugins";

    private StrictConfig() {
    }

    /**
     * Every unknown key found, each naming its file, line and key.
     *
     * @param config the whole configuration, resolved
     * @param operatorFile the operator's file alone (its top-level keys are checked)
     * @param reference the merged {@code reference.conf} files, without system properties laid over them
     */
    static List<InvalidSettingsException> unknownKeys(Config config, Config operatorFile, Config reference) {
        List<InvalidSettingsException> found = new ArrayList<>();
        ConfigObject template = reference.getObject(ServerConfig.ROOT);
        topLevel(operatorFile, template, found);
        if (config.hasPath(ServerConfig.ROOT) && config.getValue(ServerConfig.ROOT).valueType() == ConfigValueType.OBJECT) {
            PluginSettings bot = new ConfigPluginSettings(config.getConfig(ServerConfig.ROOT), ServerConfig.ROOT);
            Set<String> known = new LinkedHashSet<>(template.keySet());
            known.add(AccountConfigs.BLOCK);
            block(bot, template, known, found);
            accounts(bot, template, found);
        }
        return found;
    }

    /** The problems as lines {@code file:line: key: what is wrong}, ordered by file, then line. */
    static List<String> inFileOrder(List<InvalidSettingsException> problems) {
        return problems.stream()
                .sorted(Comparator.comparing(StrictConfig::file).thenComparingInt(StrictConfig::line))
                .map(InvalidSettingsException::getMessage)
                .toList();
    }

    /** The keys of one block against its template, then each sub-block the template has against its own. */
    private static void block(PluginSettings block, ConfigObject template, Set<String> known,
                              List<InvalidSettingsException> found) {
        found.addAll(block.unknownKeys(known));
        for (String key : block.keys()) {
            ConfigValue expected = template.get(key);
            if (expected == null) continue;
            String path = ConfigUtil.joinPath(key);
            if (expected.valueType() == ConfigValueType.OBJECT && ((ConfigObject) expected).isEmpty()) {
                continue; // an empty template holds names the operator chooses (permissions' groups): read by its reader
            }
            if (expected.valueType() == ConfigValueType.OBJECT && isObject(block, path)) {
                ConfigObject inner = (ConfigObject) expected;
                block(block.section(path), inner, inner.keySet(), found);
            } else if (key.equals(WebhookTarget.BLOCK)) {
                webhooks(block, path, found);
            }
        }
    }

    /** Each account's block holds only what an account may override, each checked against the bot-wide block. */
    private static void accounts(PluginSettings bot, ConfigObject template, List<InvalidSettingsException> found) {
        if (!isObject(bot, AccountConfigs.BLOCK)) return; // not a block: the accounts reader names that mistake
        PluginSettings accounts = bot.section(AccountConfigs.BLOCK);
        for (String id : accounts.keys()) {
            String path = ConfigUtil.joinPath(id);
            if (isObject(accounts, path)) block(accounts.section(path), template, AccountConfigs.KEYS, found);
        }
    }

    private static void webhooks(PluginSettings block, String path, List<InvalidSettingsException> found) {
        List<PluginSettings> entries;
        try {
            entries = block.sectionList(path);
        } catch (InvalidSettingsException notObjects) {
            return; // the webhooks reader names that mistake
        }
        for (PluginSettings entry : entries) found.addAll(entry.unknownKeys(WebhookTarget.ENTRY_KEYS));
    }

    /**
     * Keys of the file's top level that were meant to be inside {@code webwx-bot} ({@code server = ...} written
     * outside the block) or misspell {@code webwx-bot} or {@code plugins}.
     */
    private static void topLevel(Config operatorFile, ConfigObject template, List<InvalidSettingsException> found) {
        PluginSettings file = new ConfigPluginSettings(operatorFile, "");
        List<String> roots = List.of(ServerConfig.ROOT, PLUGINS);
        for (String key : file.keys()) {
            if (roots.contains(key)) continue;
            if (template.containsKey(key)) {
                found.add(file.invalid(ConfigUtil.joinPath(key), "not a top-level key; did you mean "
                        + ServerConfig.ROOT + "." + key + "? (the bot's settings go inside webwx-bot { ... })"));
            } else {
                DidYouMean.closest(key, roots).ifPresent(root -> found.add(file.invalid(ConfigUtil.joinPath(key),
                        "unknown top-level key; did you mean " + root + "?")));
            }
        }
    }

    private static boolean isObject(PluginSettings block, String path) {
        try {
            block.section(path);
            return true;
        } catch (InvalidSettingsException | ConfigException notABlock) {
            return false;
        }
    }

    private static String file(InvalidSettingsException e) {
        String origin = e.origin().orElse("");
        int colon = origin.lastIndexOf(':');
        return colon < 0 ? origin : origin.substring(0, colon);
    }

    private static int line(InvalidSettingsException e) {
        String origin = e.origin().orElse("");
        try {
            return Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException noLine) {
            return -1;
        }
    }
}
