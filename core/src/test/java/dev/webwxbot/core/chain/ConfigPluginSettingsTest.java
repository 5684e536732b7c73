package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigPluginSettingsTest {

    private final PluginSettings settings = ConfigPluginSettings.parse("""
            cooldown = 30s
            limit = 5
            enabled = true
            words = [hi, hello]
            rules = [ { reply = "pong" }, { reply = 7 } ]
            nested { name = "x" }
            """, "plugins.demo");

    @Test
    void readsEveryTypeByDottedPath() {
        assertEquals(Duration.ofSeconds(30), settings.duration("cooldown"));
        assertEquals(5, settings.integer("limit"));
        assertEquals(5L, settings.number("limit"));
        assertTrue(settings.bool("enabled"));
        assertEquals(List.of("hi", "hello"), settings.stringList("words"));
        assertEquals("x", settings.string("nested.name"));
        assertEquals("x", settings.section("nested").string("name"));
        assertEquals(Set.of("cooldown", "limit", "enabled", "words", "rules", "nested"), settings.keys());
        assertTrue(settings.has("nested.name"));
        assertFalse(settings.has("absent"));
    }

    @Test
    void aMissingKeyIsReportedWithItsFullName() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings.string("absent"));
        assertEquals("plugins.demo.absent", e.key());
        assertTrue(e.getMessage().startsWith("plugins.demo.absent: "), e.getMessage());
    }

    @Test
    void aWrongTypeInsideAListNamesTheElement() {
        List<PluginSettings> rules = settings.sectionList("rules");
        assertEquals("pong", rules.get(0).string("reply"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> rules.get(1).bool("reply"));
        assertEquals("plugins.demo.rules.1.reply", e.key());
    }

    @Test
    void aBadDurationIsInvalid() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings.duration("words"));
        assertEquals("plugins.demo.words", e.key());
    }

    @Test
    void pluginChecksProduceTheSameKindOfError() {
        InvalidSettingsException e = settings.invalid("limit", "must be even");
        assertEquals("plugins.demo.limit: must be even", e.getMessage());
    }
}
