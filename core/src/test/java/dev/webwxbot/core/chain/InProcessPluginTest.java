package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.PluginRuntime;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plugin given as handler instances is configured and run as the host runs a jar's plugin. */
class InProcessPluginTest {

    private static final Config REFERENCE = ConfigFactory.parseString("greeting = hi");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private InProcessPlugin plugin;

    @AfterEach
    void close() {
        if (plugin != null) plugin.close();
    }

    @Test
    void theOperatorsBlockOverTheDefaultsReachesTheHandlers() throws Exception {
        plugin = start(new Greeter(), "");
        dispatch(friend("Alice"));
        plugin.reconfigure(ConfigFactory.parseString("plugins.greeter.greeting = hello"));
        dispatch(friend("Bob"));
        assertEquals(List.of("alice:hi Alice", "bob:hello Bob"), sent);
    }

    @Test
    void withJobSettingsThePluginIsStartedAfterEachConfigurationAndItsJobsRunOnTheGivenClock() {
        ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T08:59:00Z"));
        List<String> runs = new CopyOnWriteArrayList<>();
        List<String> starts = new CopyOnWriteArrayList<>();
        MessageHandler ticking = new MessageHandler() {
            private volatile String greeting = "";

            @Override
            public void configure(PluginSettings settings) {
                greeting = settings.string("greeting");
            }

            @Override
            public void start(PluginRuntime runtime) {
                starts.add(greeting);
                runtime.jobs().cron("tick", "0 9 * * *", run -> runs.add(greeting + " " + run.scheduledFor()));
            }

            @Override
            public Outcome handle(BotEvent event, HandlerContext context) {
                return Outcome.CONTINUE;
            }
        };
        plugin = InProcessPlugin.start("ticker", List.of(ticking), REFERENCE, ChainSettings.defaults(),
                ConfigFactory.empty(), JobSettings.defaults().withClock(clock), java.util.Map::of);
        plugin.reconfigure(ConfigFactory.parseString("plugins.ticker.greeting = hello"));
        assertEquals(List.of("hi", "hello"), starts, "started again after the reconfiguration");

        clock.advance(java.time.Duration.ofMinutes(1));
        plugin.clockMoved();
        dev.webwxbot.testsupport.Await.until(() -> runs.size() == 1, "the 09:00 run");
        assertEquals(List.of("hello 2026-01-05T09:00:00Z"), runs, "only the job of the running start");
        assertEquals("", plugin.startError());
    }

    @Test
    void aRejectedBlockIsThrownNamingTheKeyAndTakesThePluginOutOfTheChain() throws Exception {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> start(new Greeter(), "plugins.greeter.greeting = \" \""));
        assertEquals("plugins.greeter.greeting: must not be empty", refused.getMessage());

        plugin = start(new Greeter(), "");
        assertThrows(InvalidSettingsException.class,
                () -> plugin.reconfigure(ConfigFactory.parseString("plugins.greeter.greeting = \"\"")));
        DispatchTrace.Step step = dispatch(friend("Alice")).steps().getFirst();
        assertEquals(DispatchTrace.Result.DISABLED, step.result());
        assertTrue(step.detail().contains("plugins.greeter.greeting: must not be empty"), step.detail());
    }

    @Test
    void aBlockThatIsNoBlockIsRefused() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> start(new Greeter(), "plugins.greeter = 3"));
        assertEquals("plugins.greeter: must be a block { ... }, not number", refused.getMessage());
    }

    @Test
    void theHostsOwnKeysOfTheBlockApply() throws Exception {
        plugin = start(new Greeter(), "plugins.greeter.chats.only = [groups]");
        assertEquals(DispatchTrace.Result.SKIPPED_BY_SCOPE, dispatch(friend("Alice")).steps().getFirst().result());

        Greeter unconfigured = new Greeter();
        plugin.close();
        plugin = start(unconfigured, "plugins.greeter.enabled = false");
        DispatchTrace.Step off = dispatch(friend("Alice")).steps().getFirst();
        assertEquals(DispatchTrace.Result.DISABLED, off.result());
        assertEquals("enabled = false in its configuration", off.detail());
        assertEquals(null, unconfigured.greeting, "a disabled plugin is not configured");

        plugin.close();
        plugin = start(new Greeter(), "plugins.greeter.priority = 42");
        assertEquals(42, plugin.handlers().getFirst().priority());
    }

    private InProcessPlugin start(MessageHandler handler, String operator) {
        return InProcessPlugin.start("greeter", List.of(handler), REFERENCE, ChainSettings.defaults(),
                ConfigFactory.parseString(operator));
    }

    private DispatchTrace dispatch(TextMessage message) throws Exception {
        return plugin.dispatch(message, new RecordingBot(sent)).get(10, TimeUnit.SECONDS);
    }

    private static TextMessage friend(String name) {
        Contact contact = new Contact(name.toLowerCase(java.util.Locale.ROOT), name, "", "", ContactKind.FRIEND, "");
        return new TextMessage(new Envelope("1", contact, contact, Instant.EPOCH, false, false), "hello");
    }

    /** Greets with its configured greeting; refuses an empty one. */
    private static final class Greeter implements MessageHandler {
        volatile String greeting;

        @Override
        public void configure(PluginSettings settings) {
            String value = settings.string("greeting");
            if (value.isBlank()) throw settings.invalid("greeting", "must not be empty");
            greeting = value;
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            TextMessage text = (TextMessage) event;
            context.reply(greeting + " " + text.sender().displayName());
            return Outcome.STOP;
        }
    }
}
