package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.SentMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's example of commands, conversations and jobs together, {@code examples/remind-plugin}, built the way its
 * {@code pom.xml} says and dropped into a host's plugins folder, on a session logged in to the emulator with the
 * host's time on a manual clock: {@code /remind 10m tea} answers that it is set and sends "tea" back to the same chat
 * when the clock reaches the time; without a text it asks first. Its kit tests cannot move the jobs' clock, so the
 * firing is checked here; bot-launcher's NewPluginIT builds it with a real {@code mvn package}, kit tests included.
 */
class RemindPluginExampleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ExampleProject example;

    @TempDir
    Path plugins;
    @TempDir
    Path data;

    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T08:00:00Z"));
    private EmulatorWorld world;
    private Contact alice;
    private Contact bob;
    private Contact carol;
    private Contact dave;
    private Contact hikers;
    private PluginHost host;

    @BeforeAll
    static void readPom() throws Exception {
        example = ExampleProject.named("remind-plugin");
    }

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start();
        alice = world.account.addFriend("Alice");
        bob = world.account.addFriend("Bob");
        carol = world.account.addFriend("Carol");
        dave = world.account.addFriend("Dave");
        hikers = world.account.addGroup("Weekend hikers", alice, bob);
    }

    @AfterEach
    void close() {
        if (host != null) host.close();
        if (world != null) world.close();
    }

    @Test
    void examplePomStandsAloneAndCompilesAgainstTheProvidedPluginApiOfThisVersion() throws Exception {
        example.assertStandsAloneOnThisBotsApi();
    }

    @Test
    void thePluginsClassesAreUnderFortyLinesInAll() throws Exception {
        int lines = 0;
        try (Stream<Path> files = Files.walk(example.dir.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                lines += Files.readAllLines(file).size();
            }
        }
        assertTrue(lines > 0 && lines < 40, lines + " lines");
    }

    @Test
    void aReminderIsSetAndSentBackToTheSameChatWhenTheClockReachesIt() throws Exception {
        startHostOnline();

        alice.sendText("/remind 10m tea");
        assertEquals("OK, in 10m.", reply(alice));
        bob.sendText("/remind 1h30m call mum");
        assertEquals("OK, in 1h30m.", reply(bob));
        assertEquals(2, host.jobCount());
        assertEquals(List.of(Instant.parse("2026-01-05T08:10:00Z"), Instant.parse("2026-01-05T09:30:00Z")),
                host.list().getFirst().jobs().stream().map(job -> job.nextRun().orElseThrow()).sorted().toList());

        clock.advance(Duration.ofMinutes(10));
        host.clockMoved();
        assertEquals("Reminder: tea", reply(alice));
        assertEquals(1, host.jobCount(), "a one-shot job is gone once it ran; Bob's is still due");

        clock.advance(Duration.ofMinutes(80));
        host.clockMoved();
        assertEquals("Reminder: call mum", reply(bob));
        assertEquals(0, host.jobCount());
        assertEquals(4, world.account.sentMessages().size(), "nothing else was sent: " + world.account.sentMessages());
    }

    @Test
    void withoutATextItAsksInAConversationAndRemindsOfTheAnswer() throws Exception {
        startHostOnline();

        carol.sendText("/remind 5m");
        assertEquals("remind you of what?", reply(carol));
        assertEquals(0, host.jobCount(), "nothing is scheduled before the answer");
        carol.sendText("water the plants");
        assertEquals("OK, in 5m.", reply(carol));

        clock.advance(Duration.ofMinutes(5));
        host.clockMoved();
        assertEquals("Reminder: water the plants", reply(carol));
    }

    @Test
    void inAGroupTheCallMentionsTheBotAndTheReminderGoesBackToTheGroup() throws Exception {
        startHostOnline();

        alice.sendTextIn(hikers, "@Bot\u2005/remind 15m stretch");
        assertEquals("OK, in 15m.", reply(hikers));

        clock.advance(Duration.ofMinutes(15));
        host.clockMoved();
        assertEquals("Reminder: stretch", reply(hikers));
    }

    @Test
    void aBadCallIsAnsweredWithTheUsageAndSchedulesNothing() throws Exception {
        startHostOnline();

        dave.sendText("/remind soon tea");
        String answer = reply(dave);
        assertTrue(answer.endsWith("Usage: /remind <when> [text...]"), answer);
        assertEquals(0, host.jobCount());
    }

    private void startHostOnline() throws Exception {
        example.buildInto(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty(), ChainMonitor.NONE,
                new JobSettings(clock, ZoneOffset.UTC, MissedRuns.SKIP, Optional.of(data.resolve("jobs.properties"))));
        PluginStatus status = host.list().getFirst();
        assertEquals("remind", status.id());
        assertEquals(PluginStatus.State.ACTIVE, status.state(), status.reason());
        HostedLogin login = HostedLogin.online(world.client, world.account, host, EmulatorWorld.LOGIN_WAIT);
        host.accountOnline(PluginHost.DEFAULT_ACCOUNT, login.session().bot());
    }

    /** The bot's next message, which must go to {@code chat}. */
    private String reply(Contact chat) {
        SentMessage sent = world.account.awaitSentMessage(WAIT);
        assertEquals(chat.userName(), sent.toUserName(), sent.content());
        return sent.content();
    }
}
