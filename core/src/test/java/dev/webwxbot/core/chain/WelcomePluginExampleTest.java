package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's example of contact and group events, {@code examples/welcome-plugin}, built the way its
 * {@code pom.xml} says and loaded by the host from a plugins folder like any jar an author drops in: a member who
 * joins a group is welcomed there by @-mention. bot-launcher's NewPluginIT builds it with a real
 * {@code mvn package}, its kit tests included.
 */
class WelcomePluginExampleTest {

    private static final Contact HIKERS = new Contact("@@hikers", "Weekend hikers", "", "", ContactKind.GROUP, "");
    private static final Contact CAROL = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "");
    private static final Contact ME = new Contact("@me", "Bot", "", "", ContactKind.SELF, "");

    private static ExampleProject example;

    @TempDir
    Path plugins;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<List<Contact>> mentions = new CopyOnWriteArrayList<>();
    private PluginHost host;

    @BeforeAll
    static void readPom() throws Exception {
        example = ExampleProject.named("welcome-plugin");
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
    void theHandlerIsUnderThirtyLines() throws Exception {
        List<String> lines = Files.readAllLines(example.dir.resolve("src/main/java/com/example/welcome/WelcomeHandler.java"));
        assertTrue(lines.size() < 30, lines.size() + " lines");
    }

    @Test
    void examplePluginBuiltFromItsPomWelcomesANewMemberInTheGroupByMentionAndNobodyElse() throws Exception {
        example.buildInto(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        PluginStatus status = host.list().getFirst();
        assertEquals("welcome", status.id());
        assertEquals(PluginStatus.State.ACTIVE, status.state(), status.reason());

        dispatch(new MemberJoined(HIKERS, CAROL, Optional.empty(), MemberJoined.Method.UNKNOWN, Instant.EPOCH));
        dispatch(new MemberLeft(HIKERS, CAROL, Optional.empty(), Instant.EPOCH));
        dispatch(new MemberJoined(HIKERS, ME, Optional.empty(), MemberJoined.Method.INVITED, Instant.EPOCH));
        assertEquals(List.of("@@hikers:Welcome to Weekend hikers, Carol!"), sent);
        assertEquals(List.of(List.of(CAROL)), mentions);
    }

    @Test
    void operatorsGreetingReplacesTheDefault() throws Exception {
        example.buildInto(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(),
                ConfigFactory.parseString("plugins.welcome.greeting = \"Hi {member}, see the rules of {group}\""));
        dispatch(new MemberJoined(HIKERS, CAROL, Optional.empty(), MemberJoined.Method.UNKNOWN, Instant.EPOCH));
        assertEquals(List.of("@@hikers:Hi Carol, see the rules of Weekend hikers"), sent);
    }

    private void dispatch(BotEvent event) throws Exception {
        host.dispatch(event, new RecordingBot(sent) {
            @Override
            public SendReceipt send(Contact chat, Outgoing message) {
                if (message instanceof Outgoing.Text text) mentions.add(text.mentions());
                return super.send(chat, message);
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
