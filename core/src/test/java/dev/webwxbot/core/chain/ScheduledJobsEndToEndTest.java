package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from jars built by the test, scheduling jobs through their runtime and their handlers' contexts, on a
 * logged-in session against the emulator, with the host's time on a manual clock: a cron job sends a message when the
 * clock reaches its time, and a reload, disable or removal of the jar leaves none of the plugin's jobs or threads.
 */
class ScheduledJobsEndToEndTest {

    private static final Instant MONDAY_0859_UTC = Instant.parse("2026-01-05T08:59:00Z");

    @TempDir
    Path plugins;
    @TempDir
    Path data;

    private final ManualClock clock = ManualClock.startingAt(MONDAY_0859_UTC);
    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PluginHost host;

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() {
        if (host != null) host.close();
        world.close();
    }

    private void startHost() throws Exception {
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty(), ChainMonitor.NONE,
                new JobSettings(clock, ZoneOffset.UTC, MissedRuns.SKIP, Optional.of(data.resolve("jobs.properties"))));
        HostedLogin login = HostedLogin.online(world.client, account, host, Duration.ofSeconds(20));
        host.accountOnline(PluginHost.DEFAULT_ACCOUNT, login.session().bot());
    }

    @Test
    void cronJobSendsToAFriendWhenTheManualClockReachesItsTime() throws Exception {
        PluginJar.plugin("morning").handler("Morning", "return Outcome.CONTINUE;", """
                public void start(PluginRuntime runtime) {
                    runtime.jobs().cron("greeting", "0 9 * * *", run -> run.bot().ifPresent(bot ->
                            bot.sendText(bot.contacts().find("Alice").getFirst(), "good morning")));
                }""").writeTo(plugins, "morning.jar");
        startHost();
        PluginStatus morning = host.list().getFirst();
        assertEquals(List.of(new JobStatus("greeting", "", "cron \"0 9 * * *\" Z",
                Optional.of(Instant.parse("2026-01-05T09:00:00Z")))), morning.jobs());
        assertTrue(morning.describe().endsWith("\n  job greeting: cron \"0 9 * * *\" Z, next 2026-01-05T09:00:00Z"),
                morning.describe());

        clock.advance(Duration.ofMinutes(1));
        host.clockMoved();

        var sent = account.awaitSentMessage(Duration.ofSeconds(15));
        assertEquals("good morning", sent.content());
        assertEquals(alice.userName(), sent.toUserName());
        Await.until(() -> host.list().getFirst().jobs().getFirst().nextRun()
                .equals(Optional.of(Instant.parse("2026-01-06T09:00:00Z"))), "the next run on Tuesday");
    }

    @Test
    void reloadDisableAndRemovalLeaveNoJobAndNoThreadOfThePluginBehind() throws Exception {
        PluginJar.plugin("ticker").handler("Ticker", """
                if (event instanceof TextMessage text && text.text().equals("remind me")) {
                    context.jobs().after("reminder", java.time.Duration.ofHours(1), run -> { });
                    context.reply("in an hour");
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", """
                public void start(PluginRuntime runtime) {
                    runtime.jobs().fixedRate("tick", java.time.Duration.ofMinutes(1), run -> { });
                    runtime.executor().execute(() -> {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException stopped) {
                            // the host stops the plugin
                        }
                    });
                }""").writeTo(plugins, "ticker.jar");
        startHost();
        alice.sendText("remind me");
        assertEquals("in an hour", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        assertEquals(2, host.jobCount(), "the tick of start and the handler's reminder");
        assertEquals(List.of("reminder", "tick"),
                host.list().getFirst().jobs().stream().map(JobStatus::name).toList());
        Await.until(() -> pluginThreads().size() == 1, "the plugin's executor thread");
        Set<Thread> before = pluginThreads();

        host.reload("ticker");
        assertEquals(1, host.jobCount(), "only the tick of the new start: the reminder went with the old plugin");
        before.forEach(thread -> assertFalse(thread.isAlive(), thread + " outlived the reload"));
        Await.until(() -> pluginThreads().size() == 1, "the new plugin's executor thread");

        host.disable("ticker");
        assertEquals(0, host.jobCount());
        assertEquals(Set.of(), pluginThreads());
        assertEquals(List.of(), host.list().getFirst().jobs());

        host.enable("ticker");
        assertEquals(1, host.jobCount());
        Await.until(() -> pluginThreads().size() == 1, "the executor thread of the enabled plugin");

        Files.delete(plugins.resolve("ticker.jar"));
        host.rescan();
        assertEquals(0, host.jobCount());
        assertEquals(Set.of(), pluginThreads());
    }

    private static Set<Thread> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PluginRuntimes.threadPrefix("ticker")) && t.isAlive())
                .collect(Collectors.toSet());
    }
}
