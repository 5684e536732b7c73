package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.Faults;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real client against the emulator while each injected fault fires: a friend's numbered messages all arrive,
 * once each and in order, and the fault is in the emulator's log; session-over codes end the session with the
 * matching reason.
 */
class FaultSurvivalEndToEndTest {

    private static final int MESSAGES = 5;
    private static final String SYNC_RETRY = "(synccheck|webwxsync) failed \\(.+\\); retry \\d+ in \\d+ ms";
    /** Short holds and timeouts so a stalled request costs seconds, not the real 25–40 s. */
    private static final SessionOptions OPTIONS = SessionOptions.defaults()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(3));

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;
    /** The sync loop's and the send governor's warnings are what the faults provoke; tests declare them. */
    private final CapturedLogs logs = CapturedLogs.attach();

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start(settings -> settings.seed(20240601L));
        account = world.account;
        alice = account.addFriend("Alice");
        login = new PhoneLogin(account);
    }

    @AfterEach
    void stop() {
        world.close();
        logs.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("delayed synccheck", FaultKind.DELAY, f -> f.on("synccheck").times(3).delay(Duration.ofMillis(400))),
                fault("stalled synccheck", FaultKind.STALL, f -> f.on("synccheck").times(1).stall()),
                fault("stalled webwxsync", FaultKind.STALL, f -> f.on("webwxsync").times(1).stall()),
                fault("synccheck reset mid-body", FaultKind.RESET, f -> f.on("synccheck").times(2).reset()),
                fault("webwxsync reset mid-body", FaultKind.RESET, f -> f.on("webwxsync").times(2).reset()),
                fault("synccheck 503", FaultKind.SERVER_ERROR, f -> f.on("synccheck").times(2).serverError(503)),
                fault("webwxsync 502", FaultKind.SERVER_ERROR, f -> f.on("webwxsync").times(2).serverError(502)),
                fault("synccheck truncated", FaultKind.TRUNCATED, f -> f.on("synccheck").times(2).truncate()),
                fault("webwxsync truncated", FaultKind.TRUNCATED, f -> f.on("webwxsync").times(2).truncate()),
                fault("synccheck garbage", FaultKind.MALFORMED, f -> f.on("synccheck").times(2).malformed()),
                fault("webwxsync garbage", FaultKind.MALFORMED, f -> f.on("webwxsync").times(2).malformed()),
                fault("duplicate MsgId delivery", FaultKind.DUPLICATE_MESSAGE,
                        f -> f.on("webwxsync").times(3).duplicateDelivery()),
                fault("selector stuck at 3", FaultKind.STUCK_SELECTOR, f -> f.on("synccheck").times(2).stuckSelector(3)),
                fault("selector stuck at 6", FaultKind.STUCK_SELECTOR, f -> f.on("synccheck").times(1).stuckSelector(6)),
                fault("SyncCheckKey ahead of SyncKey", FaultKind.SYNC_CHECK_KEY_AHEAD,
                        f -> f.on("webwxsync").times(3).syncCheckKeyAhead()),
                fault("random 5xx on both, seeded", FaultKind.SERVER_ERROR, f -> {
                    f.on("synccheck").probability(0.3).serverError(500);
                    f.on("webwxsync").probability(0.3).serverError(500);
                }));
    }

    private static Arguments fault(String name, FaultKind kind, Consumer<Faults> arm) {
        return Arguments.of(name, kind, arm);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyMessageArrivesExactlyOnceAndInOrderWhileTheFaultFires(String name, FaultKind kind, Consumer<Faults> arm)
            throws Exception {
        // A fault that fails a call makes the loop retry, with a warning; with these short timeouts a loaded machine
        // may also time out once where no fault fired.
        if (Set.of(FaultKind.STALL, FaultKind.RESET, FaultKind.SERVER_ERROR, FaultKind.TRUNCATED, FaultKind.MALFORMED)
                .contains(kind)) {
            logs.expect(Level.WARN, SYNC_RETRY);
        } else {
            logs.allow(Level.WARN, SYNC_RETRY);
        }
        Session session = loggedInSession();
        arm.accept(world.emulator.faults());
        List<String> sent = IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "message " + i).toList();
        for (String text : sent) {
            alice.sendText(text);
            Thread.sleep(150);
        }
        assertEquals(sent, texts(MESSAGES, Duration.ofSeconds(40)), name);
        world.emulator.faults().awaitFired(kind, Duration.ofSeconds(5));

        world.emulator.faults().clear();
        alice.sendText("after");
        assertEquals(List.of("after"), texts(1, Duration.ofSeconds(20)), "nothing repeated in between");
        assertTrue(!session.ended().isDone(), "the session goes on");
    }

    static Stream<Arguments> logoutCodes() {
        return Stream.of(
                Arguments.of("synccheck", 1100, LoggedOut.Reason.LOGGED_OUT_ON_PHONE),
                Arguments.of("synccheck", 1101, LoggedOut.Reason.SESSION_INVALID),
                Arguments.of("synccheck", 1102, LoggedOut.Reason.COOKIES_INVALID),
                Arguments.of("webwxsync", 1100, LoggedOut.Reason.LOGGED_OUT_ON_PHONE),
                Arguments.of("webwxsync", 1101, LoggedOut.Reason.SESSION_INVALID),
                Arguments.of("webwxsync", 1102, LoggedOut.Reason.COOKIES_INVALID));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("logoutCodes")
    void forcedLogoutCodeEndsTheSessionWithItsReason(String endpoint, int code, LoggedOut.Reason reason)
            throws Exception {
        Session session = loggedInSession();
        world.emulator.faults().on(endpoint).logout(code);
        alice.sendText("wakes the sync");
        LoggedOut end = session.ended().get(30, TimeUnit.SECONDS);
        assertEquals(reason, end.reason());
        assertEquals(code, end.code());
        world.emulator.faults().awaitFired(FaultKind.LOGOUT, Duration.ofSeconds(1));
    }

    @Test
    void kickedByAnotherLoginEndsTheSessionAsInvalid() throws Exception {
        Session session = loggedInSession();
        world.emulator.faults().on("synccheck").times(1).kicked();
        LoggedOut end = session.ended().get(30, TimeUnit.SECONDS);
        assertEquals(LoggedOut.Reason.SESSION_INVALID, end.reason());
        assertEquals(1101, end.code());
    }

    @Test
    void forcedRet1205OnASendIsRetriedByTheGovernorAndArrivesOnce() throws Exception {
        Session session = world.logIn(OPTIONS.withSendLimits(SendLimits.defaults()
                .withGaps(Duration.ZERO, Duration.ofMillis(10))
                .withRetries(3, Duration.ofMillis(200), Duration.ofSeconds(1))), login);
        alice.sendText("hello");
        TextMessage text = login.next(TextMessage.class);
        world.emulator.faults().on("webwxsendmsg").times(1).ret(1205);
        logs.expect(Level.WARN, "webwxsendmsg answered 1205 \\(sending too fast\\): all sends pause for \\d+ ms at 50% "
                + "of the configured rate; retry 1 of 3");
        assertTrue(session.bot().sendText(text.chat(), "too fast at first").ok());
        world.emulator.faults().awaitFired(FaultKind.RET, Duration.ofSeconds(1));
        assertEquals(List.of("too fast at first"),
                account.sentMessages().stream().map(SentMessage::content).toList(), "delivered exactly once");
        alice.sendText("still here");
        assertEquals(List.of("still here"), texts(1, Duration.ofSeconds(20)));
    }

    @Test
    void a1205ThatOutlastsTheRetriesIsAThrottledReceiptAndTheSessionGoesOn() throws Exception {
        Session session = world.logIn(OPTIONS.withSendLimits(SendLimits.defaults()
                .withGaps(Duration.ZERO, Duration.ofMillis(10))
                .withRetries(1, Duration.ofMillis(100), Duration.ofMillis(200))), login);
        alice.sendText("hello");
        TextMessage text = login.next(TextMessage.class);
        world.emulator.faults().on("webwxsendmsg").times(2).ret(1205);
        logs.expect(Level.WARN, "webwxsendmsg answered 1205 \\(sending too fast\\): all sends pause for \\d+ ms at 50% "
                        + "of the configured rate; retry 1 of 1")
                .expect(Level.WARN, "webwxsendmsg answered 1205 \\(sending too fast\\): all sends pause for \\d+ ms at 25% "
                        + "of the configured rate; giving up on this call after 1 retries")
                .expect(Level.WARN, "sending to @\\w+ failed \\(THROTTLED\\): webwxsendmsg answered Ret 1205 .*");
        SendReceipt.Failed failed = assertInstanceOf(SendReceipt.Failed.class,
                session.bot().sendText(text.chat(), "too fast"));
        assertEquals(FailureReason.THROTTLED, failed.reason());
        assertEquals(1205, failed.code());
        assertTrue(session.bot().sendText(text.chat(), "later").ok());
        alice.sendText("still here");
        assertEquals(List.of("still here"), texts(1, Duration.ofSeconds(20)));
    }

    @Test
    void bannedAccountFailsTheLoginWithTheServersCode() {
        world.emulator.faults().on("webwxnewloginpage").banned();
        Session session = world.client.newSession(OPTIONS, login);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> session.start().get(20, TimeUnit.SECONDS));
        LoginFailedException refused = assertInstanceOf(LoginFailedException.class, failure.getCause());
        assertTrue(refused.getMessage().contains("1203"), refused.getMessage());
    }

    private Session loggedInSession() throws Exception {
        return world.logIn(OPTIONS, login);
    }

    /** The friend's next {@code count} texts (echoes of our own sends aside), then a short look for any extra one (a duplicate would show up here). */
    private List<String> texts(int count, Duration timeout) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (texts.size() < count) {
            BotEvent event = login.events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) break;
            if (event instanceof TextMessage text && !text.envelope().fromSelf()) texts.add(text.text());
        }
        for (BotEvent extra; (extra = login.events.poll(300, TimeUnit.MILLISECONDS)) != null; ) {
            if (extra instanceof TextMessage text && !text.envelope().fromSelf()) texts.add(text.text());
        }
        return texts;
    }
}
