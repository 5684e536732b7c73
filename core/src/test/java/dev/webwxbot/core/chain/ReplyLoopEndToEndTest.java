package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.SafetyOptions;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot accounts in one emulator, friends of each other ({@code Emulator.befriend}), each with an echo plugin: one
 * says "ping" and they answer each other, every message carried by the emulator from one account's web client to
 * the other's sync as the real server carries it. The loop breaker stops them within its bound; with it off they go
 * on.
 */
class ReplyLoopEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SendLimits FAST = SendLimits.defaults().withGlobalRate(600_000, 1_000)
            .withPerChatRate(600_000, 1_000).withGaps(Duration.ZERO, Duration.ZERO);

    @TempDir
    Path plugins;

    /** Never moved: every answer comes "at once", quicker than any person. */
    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    private EmulatorWorld world;
    private Account botA;
    private Account botB;
    private Contact bInA;
    private Contact aInB;
    private PluginHost hostA;
    private PluginHost hostB;
    private HostedLogin loginA;
    private HostedLogin loginB;

    @BeforeEach
    void start() throws Exception {
        world = EmulatorWorld.start();
        botA = world.account;
        botB = world.emulator.addAccount("Bot B");
        bInA = world.emulator.befriend(botA, botB);
        aInB = botB.contactFor(botA).orElseThrow();
        ChatSafetyEndToEndTest.echoPlugins(plugins);
        hostA = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        hostB = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
    }

    @AfterEach
    void stop() {
        hostA.close();
        hostB.close();
        world.close();
    }

    private void logIn(SafetyOptions safety) throws Exception {
        SessionOptions options = SessionOptions.defaults().withSendLimits(FAST).withSafety(safety.withClock(clock));
        loginA = HostedLogin.online(world.client, botA, hostA, options, WAIT);
        hostA.pauses(id -> loginA.session().pauses());
        loginB = HostedLogin.online(world.client, botB, hostB, options, WAIT);
        hostB.pauses(id -> loginB.session().pauses());
    }

    private int sent() {
        return botA.sentMessages().size() + botB.sentMessages().size();
    }

    @Test
    void twoEchoBotsFacingEachOtherStopWithinTheConfiguredBound() throws Exception {
        logIn(SafetyOptions.defaults());
        int exchanges = SafetyOptions.Loops.defaults().exchanges();
        ch.qos.logback.classic.Logger safetyLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("dev.webwxbot.core.internal.safety");
        safetyLog.setLevel(Level.INFO);
        List<PausedChat> paused;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            loginA.session().bot().sendText(
                    loginA.session().bot().contacts().byUserName(bInA.userName()).orElseThrow(), "ping");
            paused = Await.value(() -> {
                List<PausedChat> both = new java.util.ArrayList<>(loginA.session().pauses().paused());
                both.addAll(loginB.session().pauses().paused());
                return both.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(both);
            }, "one of the bots pausing the loop", WAIT);
            Await.until(() -> logs.at(Level.INFO).stream().anyMatch(line -> line.startsWith("reply loop in chat 'Bot")
                    && line.contains("the other side answered the bot's messages " + exchanges + " times within 30 s")),
                    "the loop explained in the log");
        } finally {
            safetyLog.setLevel(null);
        }
        assertEquals(1, paused.size(), "one side stops; the other then hears nothing more");
        assertEquals(ChatPaused.Cause.REPLY_LOOP, paused.getFirst().cause());
        assertEquals(java.util.Optional.of(clock.instant().plus(Duration.ofMinutes(5))), paused.getFirst().until());

        // Quiet now: a negative check, so a fixed wait (a slow machine only makes it weaker).
        int atPause = sent();
        Thread.sleep(1500);
        int later = sent();
        Thread.sleep(1000);
        assertEquals(later, sent(), "the bots stopped talking");
        assertTrue(later <= atPause + 1, "at most one answer was under way when the loop was broken");
        assertTrue(later <= 2 * exchanges + 2, "stopped within the bound: " + later + " messages");
        assertTrue(later >= 2 * exchanges - 1, "it was a loop first: " + later + " messages");
    }

    @Test
    void withTheBreakerOffTheTwoBotsGoOnPastTheBound() throws Exception {
        logIn(SafetyOptions.defaults().withLoops(SafetyOptions.Loops.off()));
        loginA.session().bot().sendText(
                loginA.session().bot().contacts().byUserName(bInA.userName()).orElseThrow(), "ping");
        int bound = 2 * SafetyOptions.Loops.defaults().exchanges() + 2;
        Await.until(() -> sent() > 3 * bound, () -> "the loop going on, " + sent() + " messages so far", WAIT);
        botB.deleteContact(aInB); // ends it: the emulator carries nothing more from A to B
        assertTrue(loginA.session().pauses().paused().isEmpty());
        assertTrue(loginB.session().pauses().paused().isEmpty());
    }
}
