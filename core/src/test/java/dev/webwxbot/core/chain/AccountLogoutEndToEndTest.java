package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.PluginJar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin holds for an account's login ends with the login: on the emulator, a friend sets a reminder (a job a
 * handler schedules) and leaves a question open (a waiting conversation); the phone logs the web session out; both
 * are gone, while the job the plugin scheduled for the account when it started stays and runs after the next login.
 */
class AccountLogoutEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path plugins;
    @TempDir
    Path data;

    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T08:00:00Z"));
    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PluginHost host;

    @BeforeEach
    void start() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        PluginJar.plugin("later").handler("Later", """
                if (!(event instanceof TextMessage text)) return Outcome.CONTINUE;
                if (text.text().equals("remind me")) {
                    context.jobs().after("reminder", java.time.Duration.ofHours(1), run -> run.bot().ifPresent(bot ->
                            bot.sendText(bot.contacts().find("Alice").getFirst(), "reminder")));
                    context.reply("in an hour");
                    return Outcome.STOP;
                }
                if (text.text().equals("ask me")) {
                    context.ask("what?", java.time.Duration.ofHours(1)).ifPresent(answer -> context.reply("got " + answer));
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", """
                public void start(PluginRuntime runtime) {
                    runtime.jobs().schedule(JobSpec.of("daily", Schedule.fixedRate(java.time.Duration.ofMinutes(90)))
                            .forAccount("default"), run -> run.bot().ifPresent(bot ->
                                    bot.sendText(bot.contacts().find("Alice").getFirst(), "daily")));
                }""").writeTo(plugins, "later.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty(), ChainMonitor.NONE,
                new JobSettings(clock, ZoneOffset.UTC, MissedRuns.SKIP, Optional.of(data.resolve("jobs.properties"))));
    }

    @AfterEach
    void stop() {
        host.close();
        world.close();
    }

    @Test
    void aLogoutCancelsTheJobsAndConversationsOfTheLoginAndKeepsThePluginsOwnJobs() throws Exception {
        HostedLogin first = HostedLogin.online(world.client, account, host, WAIT);
        alice.sendText("remind me");
        assertEquals("in an hour", account.awaitSentMessage(WAIT).content());
        alice.sendText("ask me");
        assertEquals("what?", account.awaitSentMessage(WAIT).content());
        Await.until(() -> host.waitingConversations() == 1, "Alice's question waiting for her answer");
        assertEquals(List.of("daily", "reminder"), jobNames());

        // Tests log WARN and above; the cancellation is an INFO line, so the host's logger is opened for this test.
        ch.qos.logback.classic.Logger hostLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PluginHost.class);
        hostLog.setLevel(Level.INFO);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            account.phone().logoutWeb();
            assertEquals(LoggedOut.Reason.LOGGED_OUT_ON_PHONE,
                    first.session().ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).reason());
            Await.until(() -> host.waitingConversations() == 0, "the question cancelled by the logout");
            assertEquals(List.of("daily"), jobNames(), "the reminder went with the login; the plugin's own job stays");
            assertEquals(1, host.jobCount());
            Await.until(() -> logs.at(Level.INFO).contains("account default logged out: cancelled 1 job(s) and 1"
                    + " waiting conversation(s) of its login"), "the cancellation logged");
        } finally {
            hostLog.setLevel(null);
        }

        HostedLogin.online(world.client, account, host, WAIT);
        clock.advance(Duration.ofHours(2));
        host.clockMoved();
        SentMessage daily = account.awaitSentMessage(WAIT);
        assertEquals("daily", daily.content(), "the plugin's own job runs with the new login");
        assertEquals(alice.userName(), daily.toUserName());
        assertEquals(List.of("in an hour", "what?", "daily"),
                account.sentMessages().stream().map(SentMessage::content).toList(), "no reminder after the logout");
    }

    private List<String> jobNames() {
        return host.list().getFirst().jobs().stream().map(JobStatus::name).toList();
    }
}
