package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.api.InvalidSettingsException;
import java.util.Locale;

/** A plugin's configuration as the host reads it: its operator block {@code plugins.<id>} over its defaults. Stateless. */
final class PluginBlocks {

    static final String PLUGINS = "plugins";

    private PluginBlocks() {
    }

    /** The key of the plugin's block, for messages. */
    static String key(String pluginId) {
        return PLUGINS + "." + pluginId;
    }

    /**
     * The operator's block over {@code reference}, resolved; {@code reference} alone without a block.
     *
     * @throws InvalidSettingsException when the operator's {@code plugins.<id>} is not a block
     */
    static Config merged(Config operator, String pluginId, Config reference) {
        String path = ConfigUtil.joinPath(PLUGINS, pluginId);
        if (!operator.hasPathOrNull(path)) return reference;
        ConfigValue value = operator.getValue(path);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new InvalidSettingsException(key(pluginId),
                    "must be a block { ... }, not " + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        return operator.getConfig(path).withFallback(reference).resolve();
    }
}
