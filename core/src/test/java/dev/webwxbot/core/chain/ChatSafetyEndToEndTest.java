package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.SendCeilingReached;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.SafetyOptions;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human takeover and the owner's commands, on the emulator with an echo plugin and a monitor: the owner typing from
 * the phone pauses the bot in that chat only, the pause runs out on the (fake) clock and each new message of the
 * owner extends it, the phone's commands pause and resume, the plugins' sends to a paused chat are refused and the
 * operator's are not; the per-chat and the account's send ceilings; and all of it off.
 */
class ChatSafetyEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SendLimits FAST = SendLimits.defaults().withGlobalRate(600_000, 1_000)
            .withPerChatRate(600_000, 1_000).withGaps(Duration.ZERO, Duration.ZERO);

    @TempDir
    Path plugins;

    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private PluginHost host;
    private HostedLogin login;

    @BeforeEach
    void start() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        echoPlugins(plugins);
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
    }

    /** An echo handler (answers every text of someone else with the same text) and a monitor. */
    static void echoPlugins(Path dir) throws Exception {
        PluginJar.plugin("echo").handler("Echo", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply(text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(dir, "echo.jar");
        PluginJar.plugin("watcher").handler("Watcher", "return Outcome.CONTINUE;",
                "public Phase phase() { return Phase.MONITOR; }").writeTo(dir, "watcher.jar");
    }

    @AfterEach
    void stop() {
        // The session first, letting its last answer finish: the emulator records a send before it has answered it.
        if (login != null) login.session().stop(WAIT);
        host.close();
        world.close();
    }

    private void logIn(SafetyOptions safety) throws Exception {
        login = HostedLogin.online(world.client, account, host,
                SessionOptions.defaults().withSendLimits(FAST).withSafety(safety.withClock(clock)), WAIT);
        host.pauses(id -> login.session().pauses());
    }

    private dev.webwxbot.api.Contact chat(Contact contact) {
        return login.session().bot().contacts().byUserName(contact.userName()).orElseThrow();
    }

    /** The next queued event of {@code type} that matches, skipping others. */
    private <T extends BotEvent> T next(Class<T> type, Predicate<T> matching) throws InterruptedException {
        while (true) {
            T event = login.next(type);
            if (matching.test(event)) return event;
        }
    }

    /** The trace of the message with this text in this chat, once every handler had its turn. */
    private DispatchTrace traceOf(Contact from, String text) {
        return Await.value(() -> host.traces(Optional.empty()).stream()
                .filter(t -> t.event() instanceof TextMessage m && m.text().equals(text)
                        && m.chat().userName().equals(from.userName()))
                .findFirst(), "the trace of '" + text + "'", WAIT);
    }

    private static DispatchTrace.Result stepOf(DispatchTrace trace, String pluginId) {
        return trace.steps().stream().filter(s -> s.pluginId().equals(pluginId)).findFirst().orElseThrow().result();
    }

    @Test
    void theOwnerTypingFromThePhonePausesTheBotInThatChatOnly() throws Exception {
        logIn(SafetyOptions.defaults());
        ch.qos.logback.classic.Logger safetyLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("dev.webwxbot.core.internal.safety");
        safetyLog.setLevel(Level.INFO);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            account.phone().sendText(alice, "I will take this one");
            ChatPaused paused = next(ChatPaused.class, p -> true);
            assertEquals(ChatPaused.Cause.OWNER_WROTE, paused.cause());
            assertEquals(alice.userName(), paused.chat().userName());
            assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(10))), paused.until());
            Await.until(() -> logs.at(Level.INFO).stream().anyMatch(line -> line.startsWith(
                    "the owner wrote in chat 'Alice' (" + alice.userName() + ") from another device: the bot stops"
                            + " answering there for 10 minutes")), "the takeover logged");
        } finally {
            safetyLog.setLevel(null);
        }

        alice.sendText("are you there?");
        DispatchTrace toAlice = traceOf(alice, "are you there?");
        assertEquals(DispatchTrace.Result.PAUSED, stepOf(toAlice, "echo"), toAlice.describe());
        assertEquals(DispatchTrace.Result.CONTINUED, stepOf(toAlice, "watcher"), "monitors still see it");

        bob.sendText("hello bot");
        SentMessage answer = account.awaitSentMessage(WAIT);
        assertEquals(bob.userName(), answer.toUserName(), "Bob's chat is not paused");
        assertEquals("hello bot", answer.content());
        // The echo of the bot's own answer comes back as the account's message: it does not pause Bob's chat.
        next(TextMessage.class, m -> m.envelope().fromSelf() && m.chat().userName().equals(bob.userName()));
        assertTrue(login.session().pauses().paused(bob.userName()).isEmpty());
        assertEquals(List.of(alice.userName()),
                login.session().pauses().paused().stream().map(p -> p.chat().userName()).toList());

        SendReceipt refused = login.session().bot().sendText(chat(alice), "a plugin's send");
        SendReceipt.Failed failed = assertInstanceOf(SendReceipt.Failed.class, refused);
        assertEquals(FailureReason.REJECTED, failed.reason());
        assertTrue(failed.detail().startsWith("not sent: the bot is paused in chat 'Alice'"), failed.detail());
        assertInstanceOf(SendReceipt.Sent.class, login.session().operatorBot().sendText(chat(alice), "the operator's"));
        assertEquals("the operator's", account.awaitSentMessage(WAIT).content());
        assertTrue(host.traces(Optional.empty()).stream().anyMatch(t -> t.event() instanceof ChatPaused
                && stepOf(t, "echo") == DispatchTrace.Result.CONTINUED), "plugins saw the ChatPaused event");
    }

    @Test
    void theTakeoverRunsOutOnTheClockAndEachNewMessageOfTheOwnerExtendsIt() throws Exception {
        logIn(SafetyOptions.defaults());
        Instant start = clock.instant();
        account.phone().sendText(alice, "first");
        assertEquals(Optional.of(start.plus(Duration.ofMinutes(10))), next(ChatPaused.class, p -> true).until());

        clock.advance(Duration.ofMinutes(6));
        account.phone().sendText(alice, "second");
        ChatPaused extended = next(ChatPaused.class, p -> true);
        assertEquals(Optional.of(start.plus(Duration.ofMinutes(16))), extended.until(), "extended from the new message");

        clock.advance(Duration.ofMinutes(6)); // 12 minutes in: the first pause alone would have ended
        assertTrue(login.session().pauses().paused(alice.userName()).isPresent());

        clock.advance(Duration.ofMinutes(5)); // 17 minutes in: ended, by the session's sweep
        ChatResumed resumed = next(ChatResumed.class, r -> true);
        assertEquals(ChatResumed.Cause.EXPIRED, resumed.cause());
        assertEquals(alice.userName(), resumed.chat().userName());
        alice.sendText("back?");
        assertEquals("back?", account.awaitSentMessage(WAIT).content());
    }

    @Test
    void thePhonesCommandsPauseAndResumeAChatByName() throws Exception {
        logIn(SafetyOptions.defaults());
        account.phone().sendText(account.fileHelper(), "#pause Alice");
        ChatPaused paused = next(ChatPaused.class, p -> true);
        assertEquals(ChatPaused.Cause.OWNER_COMMAND, paused.cause());
        assertEquals(alice.userName(), paused.chat().userName());
        assertEquals(Optional.empty(), paused.until(), "until resumed");
        SentMessage told = account.awaitSentMessage(WAIT);
        assertEquals("filehelper", told.toUserName());
        assertEquals("paused in Alice until #resume Alice", told.content());

        alice.sendText("anyone?");
        assertEquals(DispatchTrace.Result.PAUSED, stepOf(traceOf(alice, "anyone?"), "echo"));
        clock.advance(Duration.ofDays(1));
        assertTrue(login.session().pauses().paused(alice.userName()).isPresent(), "a commanded pause does not run out");

        account.phone().sendText(account.fileHelper(), "#resume alice");
        assertEquals(ChatResumed.Cause.OWNER_COMMAND, next(ChatResumed.class, r -> true).cause());
        assertEquals("resumed in Alice", account.awaitSentMessage(WAIT).content());
        alice.sendText("now?");
        assertEquals("now?", account.awaitSentMessage(WAIT).content());

        account.phone().sendText(account.fileHelper(), "#pause Nobody");
        assertEquals("no contact or group is called 'Nobody'", account.awaitSentMessage(WAIT).content());
        assertTrue(login.session().pauses().paused().isEmpty(), "the command chat itself is never taken over");
    }

    @Test
    void theOperatorPausesAndResumesThroughTheSession() throws Exception {
        logIn(SafetyOptions.defaults());
        PausedChat paused = login.session().pauses().pause(chat(bob), Optional.of(Duration.ofMinutes(3)));
        assertEquals(ChatPaused.Cause.OPERATOR, paused.cause());
        assertEquals(ChatPaused.Cause.OPERATOR, next(ChatPaused.class, p -> true).cause());
        bob.sendText("ping");
        assertEquals(DispatchTrace.Result.PAUSED, stepOf(traceOf(bob, "ping"), "echo"));
        assertTrue(login.session().pauses().resume(chat(bob)));
        assertEquals(ChatResumed.Cause.OPERATOR, next(ChatResumed.class, r -> true).cause());
        assertFalse(login.session().pauses().resume(chat(bob)), "no longer paused");
        bob.sendText("pong");
        assertEquals("pong", account.awaitSentMessage(WAIT).content());
    }

    @Test
    void theChatsCeilingPausesThatChatAndTheAccountsCeilingRefusesEverySend() throws Exception {
        SafetyOptions.Loops loops = new SafetyOptions.Loops(true, 8, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMinutes(5), 3, Duration.ofMinutes(1), 5, Duration.ofMinutes(10));
        logIn(SafetyOptions.defaults().withLoops(loops));
        for (int i = 1; i <= 3; i++) {
            assertInstanceOf(SendReceipt.Sent.class, login.session().bot().sendText(chat(alice), "news " + i));
            assertEquals("news " + i, account.awaitSentMessage(WAIT).content());
        }
        SendReceipt.Failed fourth = assertInstanceOf(SendReceipt.Failed.class,
                login.session().bot().sendText(chat(alice), "news 4"));
        assertTrue(fourth.detail().contains("send ceiling in chat 'Alice'"), fourth.detail());
        ChatPaused paused = next(ChatPaused.class, p -> true);
        assertEquals(ChatPaused.Cause.SEND_CEILING, paused.cause());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(5))), paused.until());

        // Bob's chat is not paused; the account has room for 2 more sends in its 10 minutes.
        bob.sendText("one");
        assertEquals("one", account.awaitSentMessage(WAIT).content());
        bob.sendText("two");
        assertEquals("two", account.awaitSentMessage(WAIT).content());
        bob.sendText("three");
        SendCeilingReached full = next(SendCeilingReached.class, c -> true);
        assertEquals(5, full.sends());
        DispatchTrace three = traceOf(bob, "three");
        assertEquals(DispatchTrace.Result.STOPPED, stepOf(three, "echo"), "the plugin ran; its answer was refused");
        SendReceipt.Failed refused = assertInstanceOf(SendReceipt.Failed.class,
                login.session().operatorBot().sendText(chat(bob), "even the operator's"));
        assertEquals(FailureReason.THROTTLED, refused.reason());

        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // the window has room again
        bob.sendText("four");
        assertEquals("four", account.awaitSentMessage(WAIT).content());
        List<String> sent = account.sentMessages().stream().map(SentMessage::content).toList();
        assertEquals(List.of("news 1", "news 2", "news 3", "one", "two", "four"), sent);
    }

    @Test
    void withTheBehavioursOffTheOwnerAndTheCeilingsChangeNothing() throws Exception {
        SafetyOptions.Takeover noTakeover = new SafetyOptions.Takeover(false, Duration.ofMinutes(10), false,
                "filehelper", "#pause", "#resume");
        SafetyOptions.Loops noLoops = new SafetyOptions.Loops(false, 8, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMinutes(5), 3, Duration.ofMinutes(1), 0, Duration.ofMinutes(10));
        logIn(SafetyOptions.defaults().withTakeover(noTakeover).withLoops(noLoops));
        account.phone().sendText(alice, "typed on the phone");
        account.phone().sendText(account.fileHelper(), "#pause Alice");
        next(TextMessage.class, m -> m.text().equals("#pause Alice"));
        alice.sendText("hi");
        assertEquals("hi", account.awaitSentMessage(WAIT).content());
        for (int i = 0; i < 6; i++) {
            assertInstanceOf(SendReceipt.Sent.class, login.session().bot().sendText(chat(alice), "more " + i));
        }
        assertTrue(login.session().pauses().paused().isEmpty());
    }
}
