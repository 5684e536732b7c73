package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's "Your first plugin", {@code examples/first-plugin}, built the way its {@code pom.xml} says (its
 * sources compiled against plugin-api with PF4J's annotation processor, its resources, the manifest entries of
 * its jar plugin) and loaded by the host from a plugins folder like any jar an author drops in. The example is
 * what {@code webwx-bot new-plugin ping} makes (bot-launcher's NewPluginCommandTest checks that), and
 * bot-launcher's NewPluginIT builds that project with a real {@code mvn package}, its kit tests included.
 */
class FirstPluginExampleTest {

    private static ExampleProject example;

    @TempDir
    Path plugins;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginHost host;

    @BeforeAll
    static void readPom() throws Exception {
        example = ExampleProject.named("first-plugin");
    }

    @AfterEach
    void close() {
        if (host != null) host.close();
    }

    @Test
    void examplePomStandsAloneAndCompilesAgainstTheProvidedPluginApiOfThisVersion() throws Exception {
        example.assertStandsAloneOnThisBotsApi();
    }

    @Test
    void examplePluginBuiltFromItsPomAnswersPingWithTheSendersName() throws Exception {
        example.buildInto(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        PluginStatus status = host.list().getFirst();
        assertEquals("ping", status.id());
        assertEquals("1.0.0", status.version());
        assertEquals(PluginStatus.State.ACTIVE, status.state(), status.reason());

        DispatchTrace answered = dispatch("Alice", " PING ");
        DispatchTrace ignored = dispatch("Alice", "pingpong");
        assertEquals(List.of("alice:Hello Alice, ping here"), sent);
        assertEquals(DispatchTrace.Result.STOPPED, answered.steps().getFirst().result());
        assertEquals(DispatchTrace.Result.CONTINUED, ignored.steps().getFirst().result());
        assertFalse(ignored.replied());
    }

    @Test
    void operatorsBlockOverridesTheExamplesSettingsAndABlankTriggerIsRefusedNamingTheKey() throws Exception {
        example.buildInto(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(),
                ConfigFactory.parseString("plugins.ping { trigger = hi, answer = \"Hi, dear {sender}\" }"));
        dispatch("Bob", "ping");
        dispatch("Bob", "HI");
        assertEquals(List.of("bob:Hi, dear Bob"), sent);

        try (CapturedLogs logs = CapturedLogs.attach()) {
            host.reconfigure(ChainSettings.defaults(), ConfigFactory.parseString("plugins.ping.trigger = \" \""));
            List<String> errors = logs.at(Level.ERROR);
            assertTrue(errors.size() == 1 && errors.getFirst().startsWith("plugin 'ping' disabled: ")
                    && errors.getFirst().contains("plugins.ping.trigger"), errors.toString());
        }
        PluginStatus status = host.list().getFirst();
        assertEquals(PluginStatus.State.MISCONFIGURED, status.state());
        assertTrue(status.reason().contains("plugins.ping.trigger: must not be empty"), status.reason());
    }

    @Test
    void theGuideShowsTheExamplesFilesVerbatim() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "plugin-authors.md"));   // moved from README.md
        for (String file : List.of("pom.xml", "src/main/java/com/example/ping/PingHandler.java",
                "src/main/resources/reference.conf", "src/test/java/com/example/ping/PingHandlerTest.java")) {
            assertTrue(guide.contains(Files.readString(example.dir.resolve(file))), "docs/plugin-authors.md shows "
                    + file + " as it is in examples/first-plugin");
        }
    }

    private DispatchTrace dispatch(String name, String body) throws Exception {
        Contact friend = new Contact(name.toLowerCase(java.util.Locale.ROOT), name, "", "", ContactKind.FRIEND, "");
        TextMessage text = new TextMessage(new Envelope("1", friend, friend, Instant.EPOCH, false, false), body);
        return host.dispatch(text, new RecordingBot(sent)).get(10, TimeUnit.SECONDS);
    }
}
