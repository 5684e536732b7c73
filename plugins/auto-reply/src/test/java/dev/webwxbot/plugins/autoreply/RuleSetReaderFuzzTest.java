package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import java.nio.charset.StandardCharsets;

/**
 * Any text as the plugin's block: once it is HOCON at all (a file that is not is the host's config error, reported
 * before any plugin reads it), the reader gives rules or an {@link InvalidSettingsException} naming the key, never
 * another exception. Seeded with the example and reference configurations.
 */
class RuleSetReaderFuzzTest {

    @FuzzTest
    void anyTextGivesRulesOrAnInvalidSettingsError(byte[] input) {
        Config block;
        try {
            block = ConfigFactory.parseString(new String(input, StandardCharsets.UTF_8)).resolve();
        } catch (ConfigException notHocon) {
            return;
        }
        try {
            assertNotNull(RuleSetReader.read(new ConfigPluginSettings(block, Fixtures.PREFIX)));
        } catch (InvalidSettingsException expected) {
            // the one documented failure
        }
    }
}
