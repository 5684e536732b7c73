package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings read from a file know where each value was written, and name it in every error. */
class SettingsOriginTest {

    @TempDir
    Path dir;

    private PluginSettings fromFile(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("ping.conf"), text);
        return new ConfigPluginSettings(ConfigFactory.parseFile(file.toFile()).resolve().getConfig("plugins.ping"),
                "plugins.ping");
    }

    private String file() {
        return dir.resolve("ping.conf").toString();
    }

    @Test
    void aValueKnowsItsFileAndLineAndABlockOfAListWhereItStarts() throws Exception {
        PluginSettings settings = fromFile("""
                plugins.ping {
                  answer = pong
                  items = [
                    { a = 1 }
                  ]
                }
                """);
        assertEquals(Optional.of(file() + ":2"), settings.origin("answer"));
        assertEquals(Optional.of(file() + ":4"), settings.sectionList("items").getFirst().origin());
        assertEquals(Optional.empty(), settings.origin("absent"));
    }

    @Test
    void errorsNameFileLineAndKey() throws Exception {
        PluginSettings settings = fromFile("plugins.ping {\n  cooldown = soon\n}\n");
        InvalidSettingsException wrong = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingsException.class,
                () -> settings.duration("cooldown"));
        assertEquals(Optional.of(file() + ":2"), wrong.origin());
        assertEquals(file() + ":2: plugins.ping.cooldown: " + wrong.problem(), wrong.getMessage());
        assertEquals(file() + ":2: plugins.ping.cooldown: must be short", settings.invalid("cooldown", "must be short")
                .getMessage());
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() throws Exception {
        PluginSettings settings = fromFile("plugins.ping {\n  answr = pong\n  colour = red\n  cooldown = 5s\n}\n");
        List<String> unknown = settings.unknownKeys(List.of("answer", "cooldown")).stream()
                .map(InvalidSettingsException::getMessage).toList();
        assertEquals(List.of(file() + ":2: plugins.ping.answr: unknown key; did you mean answer?",
                file() + ":3: plugins.ping.colour: unknown key; known keys here: answer, cooldown"), unknown);
    }

    @Test
    void textParsedWithoutAFileHasNoOriginSoMessagesStayAsBefore() {
        PluginSettings settings = ConfigPluginSettings.parse("limit = 5", "plugins.demo");
        assertEquals(Optional.empty(), settings.origin("limit"));
        assertEquals("plugins.demo.limit: must be even", settings.invalid("limit", "must be even").getMessage());
    }
}
