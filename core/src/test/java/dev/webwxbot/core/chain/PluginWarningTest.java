package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that runs but not as configured says so through {@code MessageHandler.warning()}, and an edit of the
 * configuration refused as a whole is shown beside every plugin: both in {@code plugins list} until a good
 * configuration clears them.
 */
class PluginWarningTest {

    @TempDir
    Path plugins;

    private PluginHost host;

    @AfterEach
    void close() {
        if (host != null) host.close();
    }

    /** Warns "running previous rules: <problem>" while its block sets {@code problem}. */
    private static PluginJar keeper(String id) {
        return PluginJar.plugin(id).handler("Keeper", "return Outcome.CONTINUE;", """
                private volatile String problem = "";
                public void configure(PluginSettings settings) {
                    problem = settings.has("problem") ? settings.string("problem") : "";
                }
                public java.util.Optional<String> warning() {
                    return problem.isEmpty() ? java.util.Optional.empty()
                            : java.util.Optional.of("running previous rules: " + problem);
                }""");
    }

    @Test
    void aHandlersWarningIsListedBesideItsActiveStateUntilAGoodConfigurationClearsIt() throws Exception {
        keeper("keeper").writeTo(plugins, "keeper.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(),
                ConfigFactory.parseString("plugins.keeper.problem = \"rules.conf:3: rule 2: regex: not valid\""));
        PluginStatus status = host.list().getFirst();
        assertEquals(PluginStatus.State.ACTIVE, status.state());
        assertEquals("running previous rules: rules.conf:3: rule 2: regex: not valid", status.warning());
        assertEquals("keeper 1.0.0: ACTIVE (running previous rules: rules.conf:3: rule 2: regex: not valid) — 1 handler,"
                + " 0 handled, 0 failed, 0 timed out", status.describe());
        assertEquals(1, host.activeHandlers().size(), "a warning does not take the plugin out of the chain");

        host.reconfigure(ChainSettings.defaults(), ConfigFactory.empty());
        assertEquals("", host.list().getFirst().warning());
    }

    @Test
    void aWarningAHandlerCameToAfterItsConfigureIsListedToo() throws Exception {
        PluginJar.plugin("late").handler("Late", "return Outcome.CONTINUE;", """
                private volatile String problem = "";
                public void start(PluginRuntime runtime) {
                    problem = "a chat the rules name is missing";
                }
                public java.util.Optional<String> warning() {
                    return problem.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(problem);
                }""").writeTo(plugins, "late.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        assertEquals("a chat the rules name is missing", host.list().getFirst().warning(),
                "found at start, after configure: asked again when listed");
    }

    @Test
    void aRefusedEditOfTheConfigurationIsListedBesideEveryPluginUntilTheNextGoodOne() throws Exception {
        keeper("one").writeTo(plugins, "one.jar");
        keeper("two").writeTo(plugins, "two.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());

        host.configurationRefused("application.conf:2: webwx-bot.sever: unknown key; did you mean server?");
        for (PluginStatus status : host.list()) {
            assertEquals(PluginStatus.State.ACTIVE, status.state());
            assertEquals("running the previous configuration: application.conf:2: webwx-bot.sever: unknown key;"
                    + " did you mean server?", status.warning());
        }

        host.reconfigure(ChainSettings.defaults(), ConfigFactory.empty());
        host.list().forEach(status -> assertEquals("", status.warning()));
    }
}
