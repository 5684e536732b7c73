package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.PluginChain;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The plugin's settings: its reference.conf, the test's config(...) over it, read as the bot reads them. */
class SettingsTest {

    @Test
    void theDefaultsOfTheReferenceConfNextToTheHandlersReachThePlugin() {
        try (PluginTestKit kit = PluginTestKit.forPlugin("greeter").handlers(new Greeter()).build()) {
            kit.start();
            kit.friend("Alice").says("hello").expectReply().hasText("hi Alice");
        }
    }

    @Test
    void theTestsConfigurationGoesOverTheDefaults() {
        try (PluginTestKit kit = PluginTestKit.forPlugin("greeter").handlers(new Greeter())
                .config("plugins.greeter.greeting = hello").config("plugins.greeter { greeting = howdy }").build()) {
            kit.start();
            kit.friend("Alice").says("hello").expectReply().hasText("howdy Alice");
        }
    }

    @Test
    void settingsThePluginRejectsFailTheStartWithThePluginsOwnMessage() {
        PluginTestKit kit = PluginTestKit.forPlugin("greeter").handlers(new Greeter())
                .config("plugins.greeter.greeting = \"  \"").build();
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, kit::start);
        // Named where the value came from (the test's config(...) line), as an operator's file and line would be.
        assertEquals("PluginTestKit config(...):1: plugins.greeter.greeting: must not be empty", refused.getMessage());
        IllegalStateException notStarted = assertThrows(IllegalStateException.class, () -> kit.friend("Alice"));
        assertTrue(notStarted.getMessage().startsWith("the kit for plugin 'greeter' is not started"), notStarted.getMessage());
    }

    @Test
    void keysOutsideThePluginsBlockAreRefusedSayingWhereTheyGo() {
        PluginTestKit kit = PluginTestKit.forPlugin("greeter").handlers(new Greeter()).config("greeting = hello").build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, kit::start);
        assertEquals("config(...) sets greeting, which the kit does not read: the plugin's settings go under"
                + " plugins.greeter (plugins.greeter.<key> = ...), the chain's under webwx-bot.chain", refused.getMessage());
    }

    @Test
    void configurationThatIsNotHoconIsRefused() {
        PluginTestKit kit = PluginTestKit.forPlugin("greeter").handlers(new Greeter()).config("plugins.greeter {").build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, kit::start);
        assertTrue(refused.getMessage().startsWith("config(...) is not valid HOCON: "), refused.getMessage());
    }

    @Test
    void theChainsSettingsComeFromWebwxBotChain() {
        try (PluginTestKit kit = PluginTestKit.forPlugin("sleepy").handlers(new Sleepy())
                .config("webwx-bot.chain.time-budget = 150ms").build();
             CapturedWarnings chain = CapturedWarnings.of(PluginChain.class)) {
            kit.start();
            AssertionError silent = assertThrows(AssertionError.class, () -> kit.friend("Alice").says("x").expectReply());
            assertEquals("expected the bot to answer Alice's \"x\", but it did not answer: plugin sleepy's Sleepy"
                    + " exceeded its time budget of 150 ms", silent.getMessage());
            assertEquals(1, chain.lines().size(), chain.lines().toString());
        }
    }

    /** Outsleeps any budget a test gives it on every text from someone else. */
    static final class Sleepy implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) throws InterruptedException {
            if (event instanceof TextMessage text && !text.envelope().fromSelf()) Thread.sleep(Duration.ofSeconds(30));
            return Outcome.CONTINUE;
        }
    }
}
