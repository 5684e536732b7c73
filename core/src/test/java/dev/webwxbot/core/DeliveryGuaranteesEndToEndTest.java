package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice, end to end: messages taken in are handed on until a handler finished them, whatever
 * stops the bot in between; the server's repeats after a restart are recognised; and the answers of a message
 * handled again after a restart are not sent twice, whether they had gone out, were cut off, or were in flight.
 */
class DeliveryGuaranteesEndToEndTest {

    private static final int MESSAGES = 100;
    private static final SessionOptions FAST = SessionOptions.defaults()
            .withSendLimits(SendLimits.defaults().withGlobalRate(600_000, 1_000).withPerChatRate(600_000, 1_000)
                    .withGaps(Duration.ZERO, Duration.ZERO).withEchoWindow(Duration.ofSeconds(30)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));

    @TempDir
    Path dir;
    private EmulatorWorld world;
    private Contact alice;
    private WebWxClient secondClient;
    private final CapturedLogs logs = CapturedLogs.attach();
    /** A send cut off by the closing client, as the outbox reports it. */
    /**
     * Under every kind of fault at once, the send cut off by the world closing may have lost its answer in any of
     * them (closed, reset, truncated, garbage, 503…): the sender says UNCONFIRMED whatever the cause.
     */
    private static final String ANY_UNCONFIRMED = "sending to @\\w+ failed \\(UNCONFIRMED\\): webwxsendmsg: .* "
            + "\\(gave up after 1 attempt; .*\\)";

    /** A send cut off by the world closing: the connection closed, or (after a reset fault on it) reset. */
    private static final String UNCONFIRMED = "sending to @\\w+ failed \\(UNCONFIRMED\\): webwxsendmsg: .*: (connection closed "
            + "before the response was complete|connection failed: Connection reset) \\(gave up after 1 attempt; .*\\)";

    @BeforeEach
    void setUp() {
        world = EmulatorWorld.start();
        alice = world.account.addFriend("Alice");
    }

    @AfterEach
    void tearDown() {
        if (secondClient != null) secondClient.close();
        world.close();
        logs.close();
    }

    @Test
    void messagesBehindAStalledReplySurviveAGracefulStopAndAreAnsweredOnceAfterTheRestart() throws Exception {
        SessionOptions options = journaled();
        world.emulator.faults().on("webwxsendmsg").times(1).stall();
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        Session session = world.logIn(options, first);
        for (int i = 1; i <= MESSAGES; i++) alice.sendText("soak " + i);
        first.awaitTaken(MESSAGES);
        world.emulator.faults().awaitFired(FaultKind.STALL, Duration.ofSeconds(10));

        session.stop(Duration.ofMillis(300)); // the first reply hangs: the drain runs out with all 100 unfinished
        world.client.close();
        first.awaitReceipts(1); // the stalled one, failed by the closing client
        assertTrue(first.receipts.get(0) instanceof SendReceipt.Failed failed
                && failed.detail().endsWith("; kept in the outbox, it is settled after the next start"),
                "the handler was told its answer is kept: " + first.receipts.get(0));
        assertEquals(List.of("100 received message(s) were still being handled after the drain time of 300 ms; they "
                + "stay journaled and are handled again on the next start"), logs.atLeast(Level.WARN).subList(0, 1));

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        restart(options, second);
        awaitAnswers(MESSAGES);
        second.awaitReceipts(MESSAGES); // every send of the restart completed: closing now cuts off none
        assertEachAnsweredOnce();
    }

    @Test
    void aStopThatDrainsInTimeLeavesNothingToHandleAgain() throws Exception {
        SessionOptions options = journaled();
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        Session session = world.logIn(options, first);
        for (int i = 1; i <= 20; i++) alice.sendText("soak " + i);
        first.awaitTaken(20);
        session.stop(Duration.ofSeconds(20));
        assertEquals(20, answers().size(), "every message taken in was answered before the stop returned");
        world.client.close();

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        restart(options, second);
        alice.sendText("soak 21");
        awaitAnswers(21);
        second.awaitReceipts(1); // the bot has its answer's receipt too: closing now cuts off no send
        assertEachAnsweredOnce();
        assertEquals(1, second.taken.get(), "only the new message reached the second run");
    }

    @Test
    void aJournalLeftByAnotherSessionIsDroppedWithAWarningAfterAFreshLogin() throws Exception {
        SessionOptions options = FAST.withJournalDirectory(dir); // no session file: every start is a new login
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.NEVER_FINISH);
        Session session = world.logIn(options, first);
        alice.sendText("soak 1");
        first.awaitTaken(1);
        session.stop(Duration.ofMillis(100));
        world.client.close();
        assertTrue(Files.readString(dir.resolve("inbox.journal")).contains("soak 1"), "kept for the next run");
        assertEquals(List.of("1 received message(s) were still being handled after the drain time of 100 ms; they "
                + "stay journaled and are handled again on the next start"), logs.atLeast(Level.WARN));

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        logInAgain(options, second);
        alice.sendText("soak 2");
        awaitAnswers(1);
        second.awaitReceipts(1);
        assertEquals(List.of("ack soak 2"), answers().stream().map(SentMessage::content).toList(),
                "the old session's message was not answered into a session that no longer exists");
        assertEquals("1 message(s) received by the previous session were never finished by the plugins; that session "
                + "ended, so they cannot be answered and are dropped from the journal", logs.atLeast(Level.WARN).get(1));
    }

    /** A new client and session for the same account and options, as after a restart: it resumes, no scan. */
    private SessionOptions journaled() {
        return FAST.withSessionFile(dir.resolve("session.json")).withJournalDirectory(dir);
    }

    /**
     * Logs in with a handler that answers "soak 1" and then hangs, and stops the session: answer 0 went out, the
     * message stays unfinished in the journal.
     */
    private AnsweringLogin answeredThenStopped(SessionOptions options) throws Exception {
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER_THEN_HANG);
        Session session = world.logIn(options, first);
        alice.sendText("soak 1");
        first.awaitReceipts(1);
        logs.expect(Level.WARN, drained(1, 100));
        session.stop(Duration.ofMillis(100));
        world.client.close();
        return first;
    }

    private void restart(SessionOptions options, AnsweringLogin login) throws Exception {
        logInAgain(options, login);
        assertTrue(login.progress.stream().noneMatch(p -> p instanceof LoginProgress.QrCode), "resumed, no scan");
    }

    private void logInAgain(SessionOptions options, PhoneLogin login) throws Exception {
        secondClient = WebWxClient.builder().server(URI.create(world.emulator.baseUrl())).build();
        PhoneLogin.online(secondClient, options, login, EmulatorWorld.LOGIN_WAIT);
    }

    @Test
    void anAnswerThatWentOutIsNotSentAgainWhenItsMessageIsHandledAgainAfterARestart() throws Exception {
        SessionOptions options = journaled();
        AnsweringLogin first = answeredThenStopped(options);

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        restart(options, second);
        second.awaitReceipts(1);
        assertEquals(1, second.taken.get(), "the message was handled again");
        assertEquals(first.receipts, second.receipts, "and its answer got the first run's receipt back");
        assertEquals(List.of("ack soak 1"), answers().stream().map(SentMessage::content).toList());
    }

    @Test
    void aMessageHandledAgainSendsEachAnswerByThePlaceItIsGivenOnceWhateverTheOrder() throws Exception {
        SessionOptions options = journaled();
        AnsweringLogin first = answeredThenStopped(options);

        // As a cluster gateway that took the account over carries out a worker's sends: the worker went on with its
        // second answer, and its first is sent again after (a call the old gateway carried out, read again).
        List<SendReceipt> receipts = new CopyOnWriteArrayList<>();
        PhoneLogin second = new PhoneLogin(world.account) {
            @Override
            public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
                if (!(message instanceof TextMessage text) || text.sender().equals(bot.self())) {
                    return CompletableFuture.completedFuture(null);
                }
                return CompletableFuture.runAsync(() -> {
                    receipts.add(AnswerOrder.as(1, () -> bot.sendText(text.chat(), "ack more " + text.text())));
                    receipts.add(AnswerOrder.as(0, () -> bot.sendText(text.chat(), "ack " + text.text())));
                }, task -> Thread.ofVirtual().start(task));
            }
        };
        logInAgain(options, second);
        Await.until(() -> receipts.size() == 2, "both answers made", Duration.ofSeconds(20));

        assertEquals(first.receipts.getFirst(), receipts.get(1), "answer 0 was recognised, not sent again");
        awaitAnswers(2);
        assertEquals(List.of("ack soak 1", "ack more soak 1"), answers().stream().map(SentMessage::content).toList(),
                "answer 1 went out though it was this run's first send");
    }

    @Test
    void anAnswerInFlightWhenTheBotStoppedIsSettledByItsEchoAfterTheRestartInsteadOfSentAgain() throws Exception {
        SessionOptions options = journaled();
        // The server takes the send, but answers only after the bot is gone: its echo is all the next run sees.
        world.emulator.faults().on("webwxsendmsg").times(1).delay(Duration.ofMillis(800));
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        Session session = world.logIn(options, first);
        alice.sendText("soak 1");
        world.emulator.faults().awaitFired(FaultKind.DELAY, Duration.ofSeconds(10));
        logs.expect(Level.WARN, drained(1, 50)).allow(Level.WARN, UNCONFIRMED);
        session.stop(Duration.ofMillis(50));
        world.client.close();
        awaitAnswers(1); // the delayed send lands on the server after the client is gone

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        restart(options, second);
        second.awaitReceipts(1);
        SendReceipt.Sent receipt = (SendReceipt.Sent) second.receipts.get(0);
        assertEquals(answers().get(0).msgId(), receipt.msgId(), "settled by the echo of the first run's send");
        assertEquals(List.of("ack soak 1"), answers().stream().map(SentMessage::content).toList(), "sent once");
    }

    @Test
    void anAnswerTheServerNeverGotIsSentOnceAfterTheEchoWindowOfTheRestart() throws Exception {
        SessionOptions options = journaled();
        world.emulator.faults().on("webwxsendmsg").times(1).stall(); // written, never taken
        AnsweringLogin first = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        Session session = world.logIn(options, first);
        alice.sendText("soak 1");
        world.emulator.faults().awaitFired(FaultKind.STALL, Duration.ofSeconds(10));
        logs.expect(Level.WARN, drained(1, 50)).expect(Level.WARN, UNCONFIRMED);
        session.stop(Duration.ofMillis(50));
        world.client.close();
        assertTrue(Files.readString(dir.resolve("outbox.journal")).contains("ack soak 1"), "kept as pending");

        AnsweringLogin second = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        restart(options, second);
        awaitAnswers(1);
        second.awaitReceipts(1);
        assertTrue(second.receipts.get(0).ok(), second.receipts.toString());
        assertEachAnsweredOnce();
        assertEquals(1, answers().size());
    }

    @Test
    void aSendOutsideAnyMessageCutOffByAStopIsSentOnceAfterTheRestartAndReportedUnderItsClientId() throws Exception {
        SessionOptions options = journaled();
        world.emulator.faults().on("webwxsendmsg").times(1).stall(); // written, never taken
        Session session = world.logIn(options, new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER));
        IdentifiedSends sends = (IdentifiedSends) session.bot(); // as the daemon's API sends: no message behind them
        String clientId = sends.nextClientId();
        dev.webwxbot.api.Contact chat = session.bot().contacts().find("Alice").getFirst();
        Thread.startVirtualThread(() -> sends.send(chat, Outgoing.text("out of band"), clientId)); // blocks: stalled
        world.emulator.faults().awaitFired(FaultKind.STALL, Duration.ofSeconds(10));
        logs.expect(Level.WARN, UNCONFIRMED);
        session.stop(Duration.ofMillis(50));
        world.client.close();

        BlockingQueue<Map.Entry<String, SendReceipt>> settled = new LinkedBlockingQueue<>();
        SessionMonitor monitor = new SessionMonitor() {
            @Override
            public void leftoverSettled(String id, SendReceipt receipt) {
                settled.add(Map.entry(id, receipt));
            }
        };
        restart(options.withMonitor(monitor), new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER));
        Map.Entry<String, SendReceipt> report = settled.poll(30, TimeUnit.SECONDS);
        assertEquals(clientId, report.getKey(), "reported under the id it was made with");
        SentMessage delivered = world.account.sentMessages().stream()
                .filter(m -> m.content().equals("out of band")).findFirst().orElseThrow();
        assertEquals(delivered.msgId(), ((SendReceipt.Sent) report.getValue()).msgId());
        assertEquals(1, world.account.sentMessages().stream().filter(m -> m.content().equals("out of band")).count());
        assertEquals(clientId, delivered.clientMsgId(), "the server saw the same client id");
    }

    @Test
    void aQuoteInFlightWhenTheBotStoppedIsSettledByItsEchoAfterTheRestartAndItsReceiptNamesTheQuotedMessage()
            throws Exception {
        SessionOptions options = journaled();
        // The server takes the quote but answers only after the bot is gone: the next run must know its echo again,
        // which means rendering the kept quote to the very text that went out.
        world.emulator.faults().on("webwxsendmsg").times(1).delay(Duration.ofMillis(800));
        Session session = world.logIn(options, new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER));
        IdentifiedSends sends = (IdentifiedSends) session.bot();
        String clientId = sends.nextClientId();
        dev.webwxbot.api.Contact chat = session.bot().contacts().find("Alice").getFirst();
        Outgoing.Quote quote = new Outgoing.Quote("7001", chat, "lunch at noon?", "yes", List.of());
        Thread.startVirtualThread(() -> sends.send(chat, quote, clientId));
        world.emulator.faults().awaitFired(FaultKind.DELAY, Duration.ofSeconds(10));
        logs.allow(Level.WARN, UNCONFIRMED);
        session.stop(Duration.ofMillis(50));
        world.client.close();
        String sentText = "「Alice：lunch at noon?」\n- - - - - - - - - - - - - - -\nyes";
        Await.until(() -> world.account.sentMessages().stream().anyMatch(m -> m.content().equals(sentText)),
                () -> "the delayed quote on the server", Duration.ofSeconds(30));

        BlockingQueue<Map.Entry<String, SendReceipt>> settled = new LinkedBlockingQueue<>();
        SessionMonitor monitor = new SessionMonitor() {
            @Override
            public void leftoverSettled(String id, SendReceipt receipt) {
                settled.add(Map.entry(id, receipt));
            }
        };
        restart(options.withMonitor(monitor), new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER));
        Map.Entry<String, SendReceipt> report = settled.poll(30, TimeUnit.SECONDS);
        assertEquals(clientId, report.getKey());
        SendReceipt.Sent receipt = (SendReceipt.Sent) report.getValue();
        assertEquals("7001", receipt.quotedMsgId());
        List<SentMessage> quotes = world.account.sentMessages().stream().filter(m -> m.content().equals(sentText))
                .toList();
        assertEquals(1, quotes.size(), "settled by its echo, not sent again");
        assertEquals(quotes.getFirst().msgId(), receipt.msgId());
    }

    @Test
    void anAnswerThatTimedOutAfterTheServerTookItIsConfirmedByItsEchoNotSentTwice() throws Exception {
        SessionOptions options = FAST.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(1));
        world.emulator.faults().on("webwxsendmsg").times(1).unanswered();
        AnsweringLogin login = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        world.logIn(options, login);
        alice.sendText("soak 1");
        login.awaitReceipts(1);
        SendReceipt.Sent receipt = (SendReceipt.Sent) login.receipts.get(0);
        assertEquals(SendReceipt.Delivery.CONFIRMED_BY_ECHO, receipt.delivery());
        assertEquals(answers().get(0).msgId(), receipt.msgId());
        assertEquals(List.of("ack soak 1"), answers().stream().map(SentMessage::content).toList(), "sent once");
    }

    @Test
    void underFifteenPercentFaultsEveryMessageOfFriendsAndAGroupIsAnsweredOnce() throws Exception {
        SessionOptions options = journaled()
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(2))
                .withSendLimits(FAST.sendLimits().withRetries(5, Duration.ofMillis(100), Duration.ofMillis(800)));
        Contact bob = world.account.addFriend("Bob");
        Contact group = world.account.addGroup("Hikers", alice, bob);
        AnsweringLogin login = new AnsweringLogin(world.account, AnsweringLogin.Mode.ANSWER);
        world.logIn(options, login);
        double share = 0.15 / 7;
        for (String endpoint : List.of("synccheck", "webwxsync", "webwxsendmsg")) {
            var faults = world.emulator.faults();
            faults.on(endpoint).probability(share).delay(Duration.ofMillis(300));
            faults.on(endpoint).probability(share / (1 - share)).reset();
            faults.on(endpoint).probability(share / (1 - 2 * share)).serverError(503);
            faults.on(endpoint).probability(share / (1 - 3 * share)).truncate();
            faults.on(endpoint).probability(share / (1 - 4 * share)).malformed();
            faults.on(endpoint).probability(share / (1 - 5 * share)).stall();
            faults.on(endpoint).probability(share / (1 - 6 * share)).unanswered();
        }
        int messages = 90;
        for (int i = 1; i <= messages; i++) {
            switch (i % 3) {
                case 0 -> alice.sendText("soak " + i);
                case 1 -> bob.sendText("soak " + i);
                default -> alice.sendTextIn(group, "soak " + i);
            }
            Thread.sleep(20);
        }
        Await.until(() -> answers().size() >= messages,
                () -> messages + " answers, got " + answers().size(), Duration.ofSeconds(90));
        Map<String, Long> counts = answers().stream()
                .collect(Collectors.groupingBy(m -> m.toNickName() + ":" + m.content(), Collectors.counting()));
        List<String> missing = new java.util.ArrayList<>();
        for (int i = 1; i <= messages; i++) {
            String chat = i % 3 == 0 ? "Alice" : i % 3 == 1 ? "Bob" : "Hikers";
            if (!counts.containsKey(chat + ":ack soak " + i)) missing.add(chat + ":" + i);
        }
        assertEquals(List.of(), missing, "lost");
        assertEachAnsweredOnce();
        List<String> unexpected = logs.atLeast(Level.WARN).stream()
                .filter(line -> !line.matches("(synccheck|webwxsync|taking in a sync) failed .*")).toList();
        assertEquals(List.of(), unexpected, "warnings other than the sync loop's own retries");
        // A send whose answer a fault swallowed waits for its echo; closing the world cuts that wait off, and the
        // sender says so (UNCONFIRMED) on the way out, after the checks above.
        logs.allow(Level.WARN, ANY_UNCONFIRMED);
    }

    /** The warning of a stop whose drain time ran out with {@code count} messages unfinished. */
    private static String drained(int count, int millis) {
        return count + " received message\\(s\\) were still being handled after the drain time of " + millis
                + " ms; they stay journaled and are handled again on the next start";
    }

    private List<SentMessage> answers() {
        return world.account.sentMessages().stream().filter(m -> m.content().startsWith("ack ")).toList();
    }

    private void awaitAnswers(int count) {
        Await.until(() -> answers().size() >= count, () -> count + " answers, got " + answers().size(),
                Duration.ofSeconds(30));
    }

    private void assertEachAnsweredOnce() {
        Map<String, Long> counts = answers().stream()
                .collect(Collectors.groupingBy(SentMessage::content, Collectors.counting()));
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), twice, "answered more than once");
    }
}
