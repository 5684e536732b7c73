package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import java.nio.charset.StandardCharsets;

/**
 * Any text as the plugin's block: once it is HOCON at all (a file that is not is the host's config error, reported
 * before any plugin reads it), the reader gives a reading, with whatever is wrong inside it, and never throws: every
 * problem of every rule is collected, none escapes as an exception. Seeded with the example and reference
 * configurations.
 */
class RuleSetReaderFuzzTest {

    @FuzzTest
    void anyTextGivesAReadingWithItsProblemsNeverAnException(byte[] input) {
        Config block;
        try {
            block = ConfigFactory.parseString(new String(input, StandardCharsets.UTF_8)).resolve();
        } catch (ConfigException notHocon) {
            return;
        }
        RuleSetReader.Reading reading = RuleSetReader.read(new ConfigPluginSettings(block, Fixtures.PREFIX));
        assertNotNull(reading.rules());
        assertNotNull(reading.fatalProblems());
    }
}
