package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.SendReceipt.Delivery;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.http.OriginResolver;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sends under network and server faults against the emulator: what certainly did not reach the server is retried,
 * what may have is settled by the message's sync echo, and the emulator's record shows each message exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendRetryEndToEndTest {

    /** No pacing to speak of, quick retries, and an echo window long enough for a sync round trip. */
    private static final SendLimits FAST = SendLimits.defaults()
            .withGlobalRate(60_000, 1_000).withPerChatRate(60_000, 1_000)
            .withGaps(Duration.ZERO, Duration.ZERO)
            .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200))
            .withEchoWindow(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final CapturedLogs logs = CapturedLogs.attach();
    private Emulator emulator;
    private Account account;
    private Contact alice;

    @AfterEach
    void tearDown() {
        if (emulator != null) emulator.close();
        logs.close();
    }

    private void startEmulator(boolean echoes) {
        emulator = Emulator.builder().loginPollHold(Duration.ofMillis(300)).syncCheckHold(Duration.ofSeconds(1))
                .echoWebSentMessages(echoes).seed(7).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
    }

    private OnlineBot logIn(SendLimits limits) throws Exception {
        return new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(limits));
    }

    /** Bot.send with a bound: a send that never completes fails the test instead of hanging it. */
    private SendReceipt send(OnlineBot online, Outgoing message) throws Exception {
        return online.bot().sendAsync(online.contact(alice.userName()), message).get(30, TimeUnit.SECONDS);
    }

    private static SendReceipt.Sent sent(SendReceipt receipt) {
        return assertInstanceOf(SendReceipt.Sent.class, receipt, receipt.toString());
    }

    /** WARN and ERROR lines logged so far, as "LEVEL logger: message". */
    private List<String> warnings() {
        return logs.eventsAtLeast(Level.WARN).stream()
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
    }

    @Test
    void aServerErrorIsRetriedAndTheMessageArrivesOnce() throws Exception {
        startEmulator(true);
        emulator.faults().on("webwxsendmsg").times(1).serverError(503);
        try (OnlineBot online = logIn(FAST)) {
            SendReceipt.Sent receipt = sent(send(online, Outgoing.text("hi")));

            assertEquals(Delivery.RETRIED, receipt.delivery());
            assertEquals(2, receipt.attempts());
            List<SentMessage> record = account.sentMessages();
            assertEquals(1, record.size());
            assertEquals(record.getFirst().msgId(), receipt.msgId());
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void aRefusedConnectionIsRetriedAndTheMessageArrivesOnce() throws Exception {
        startEmulator(true);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        OriginResolver emulatorSide = OriginResolver.fixed(URI.create(emulator.baseUrl()));
        AtomicInteger refusals = new AtomicInteger(2);
        OriginResolver resolver = uri -> uri.getPath().endsWith("/webwxsendmsg") && refusals.getAndDecrement() > 0
                ? new OriginResolver.Endpoint(InetSocketAddress.createUnresolved("127.0.0.1", deadPort), false,
                        "refused.invalid")
                : emulatorSide.resolve(uri);
        try (OnlineBot online = new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(FAST),
                resolver)) {
            SendReceipt.Sent receipt = sent(send(online, Outgoing.text("hi")));

            assertEquals(Delivery.RETRIED, receipt.delivery());
            assertEquals(3, receipt.attempts());
            assertEquals(1, account.sentMessages().size());
        }
        assertEquals(List.of(), warnings());
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class, names = {"RESET", "TRUNCATED", "MALFORMED"})
    void aSendTheServerTookButWhoseAnswerBrokeIsConfirmedByItsEchoAndNotSentAgain(FaultKind fault) throws Exception {
        startEmulator(true);
        switch (fault) {
            case RESET -> emulator.faults().on("webwxsendmsg").times(1).reset();
            case TRUNCATED -> emulator.faults().on("webwxsendmsg").times(1).truncate();
            default -> emulator.faults().on("webwxsendmsg").times(1).malformed();
        }
        try (OnlineBot online = logIn(FAST)) {
            SendReceipt.Sent receipt = sent(send(online,
                    Outgoing.text("see you <at> 5 & bring\nthe map")));

            assertEquals(Delivery.CONFIRMED_BY_ECHO, receipt.delivery());
            assertEquals(1, receipt.attempts());
            List<SentMessage> record = account.sentMessages();
            assertEquals(1, record.size(), "the message was sent twice");
            assertEquals(record.getFirst().msgId(), receipt.msgId(), "the echo's MsgId");
            assertEquals(record.getFirst().clientMsgId(), receipt.localId());
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void aSendTheServerNeverTookIsRetriedAfterTheEchoWindowAndArrivesOnce() throws Exception {
        startEmulator(true);
        emulator.faults().on("webwxsendmsg").times(1).stall();
        SendLimits shortWindow = FAST.withEchoWindow(Duration.ofMillis(300));
        try (OnlineBot online = new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(shortWindow)
                .withTimeouts(Duration.ofSeconds(35), Duration.ofSeconds(40), Duration.ofMillis(700)))) {
            SendReceipt.Sent receipt = sent(send(online, Outgoing.text("hi")));

            assertEquals(Delivery.RETRIED_UNCONFIRMED, receipt.delivery());
            assertEquals(2, receipt.attempts());
            List<SentMessage> record = account.sentMessages();
            assertEquals(1, record.size());
            assertEquals(record.getFirst().msgId(), receipt.msgId());
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void withoutEchoesAnAmbiguousSendIsRetriedAfterTheWindowAndTheServerHasItTwice() throws Exception {
        // The documented cost of a server that does not echo: the rule "retry when no echo came" duplicates.
        startEmulator(false);
        emulator.faults().on("webwxsendmsg").times(1).truncate();
        try (OnlineBot online = logIn(FAST.withEchoWindow(Duration.ofMillis(300)))) {
            SendReceipt.Sent receipt = sent(send(online, Outgoing.text("hi")));

            assertEquals(Delivery.RETRIED_UNCONFIRMED, receipt.delivery());
            assertEquals(2, receipt.attempts());
            assertEquals(2, account.sentMessages().size());
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void aSendThatKeepsFailingGivesUpNamingTheLastCauseAndTheAttempts() throws Exception {
        startEmulator(true);
        emulator.faults().on("webwxsendmsg").serverError(503);
        String userName;
        try (OnlineBot online = logIn(FAST)) {
            userName = alice.userName();
            SendReceipt.Failed receipt = assertInstanceOf(SendReceipt.Failed.class,
                    send(online, Outgoing.text("hi")));

            assertEquals(FailureReason.NETWORK, receipt.reason());
            assertTrue(receipt.detail().contains("HTTP 503"), receipt.detail());
            assertTrue(receipt.detail().contains("gave up after 4 attempts"), receipt.detail());
            assertEquals(0, account.sentMessages().size());
        }
        assertEquals(List.of("WARN " + dev.webwxbot.core.internal.send.OutgoingSender.class.getName()
                + ": sending to " + userName + " failed (NETWORK): webwxsendmsg answered HTTP 503"
                + " (gave up after 4 attempts)"), warnings());
    }

    @Test
    void anImageWhoseSendFailedWithAServerErrorIsSentAgainWithoutUploadingAgain() throws Exception {
        startEmulator(true);
        emulator.faults().on("webwxsendmsgimg").times(1).serverError(502);
        Path file = Files.write(dir.resolve("photo.png"), png());
        try (OnlineBot online = logIn(FAST)) {
            SendReceipt.Sent receipt = sent(send(online, new Outgoing.Image(file)));

            assertEquals(Delivery.RETRIED, receipt.delivery());
            assertEquals(2, receipt.attempts());
            assertEquals(1, account.sentMessages().size());
            assertEquals(1, emulator.recordedRequests().stream()
                    .filter(request -> request.path().endsWith("/webwxuploadmedia")).count(), "uploaded again");
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void anImageTheServerTookButWhoseAnswerBrokeIsConfirmedByItsEchoAndNotSentAgain() throws Exception {
        startEmulator(true);
        emulator.faults().on("webwxsendmsgimg").times(1).truncate();
        Path file = Files.write(dir.resolve("photo.png"), png());
        try (OnlineBot online = logIn(FAST)) {
            SendReceipt.Sent receipt = sent(send(online, new Outgoing.Image(file)));

            assertEquals(Delivery.CONFIRMED_BY_ECHO, receipt.delivery());
            List<SentMessage> record = account.sentMessages();
            assertEquals(1, record.size(), "the image was sent twice");
            assertEquals(record.getFirst().msgId(), receipt.msgId());
        }
        assertEquals(List.of(), warnings());
    }

    private static byte[] png() {
        byte[] png = new byte[2_000];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(magic, 0, png, 0, magic.length);
        return png;
    }

    @Test
    void aCallerChosenLocalIdIsWhatTheServerReceives() throws Exception {
        startEmulator(true);
        try (OnlineBot online = logIn(FAST)) {
            SendReceipt.Sent receipt = sent(online.bot().sendAsync(online.contact(alice.userName()),
                    Outgoing.text("hi"), "17000000000001234").get(10, TimeUnit.SECONDS));
            SendReceipt refused = online.bot().sendAsync(online.contact(alice.userName()), Outgoing.text("hi"),
                    "17x").get(10, TimeUnit.SECONDS);

            assertEquals("17000000000001234", receipt.localId());
            SentMessage record = account.sentMessages().getFirst();
            assertEquals("17000000000001234", record.localId());
            assertEquals("17000000000001234", record.clientMsgId());
            assertEquals(FailureReason.INVALID_REQUEST,
                    assertInstanceOf(SendReceipt.Failed.class, refused).reason());
            assertEquals(1, account.sentMessages().size());
        }
        assertEquals(1, warnings().size(), warnings().toString()); // the refused id, logged once
    }

    @Test
    void underRandomFaultsEveryMessageArrivesExactlyOnceAndInOrderPerChat() throws Exception {
        startEmulator(true);
        Contact bob = account.addFriend("Bob");
        emulator.faults().on("webwxsendmsg").probability(0.15).serverError(503);
        emulator.faults().on("webwxsendmsg").probability(0.1).truncate();
        emulator.faults().on("webwxsendmsg").probability(0.05).reset();
        List<String> chats;
        try (OnlineBot online = logIn(FAST.withRetries(10, Duration.ofMillis(20), Duration.ofMillis(200)))) {
            chats = List.of(alice.userName(), bob.userName());
            List<CompletableFuture<SendReceipt>> receipts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String chat = chats.get(i % 2);
                receipts.add(online.bot().sendAsync(online.contact(chat), Outgoing.text("message " + i)));
            }
            CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
            receipts.forEach(receipt -> sent(receipt.join()));
            assertTrue(emulator.faults().fired("webwxsendmsg").size() >= 5, "too few faults to show anything");
        }
        List<SentMessage> record = account.sentMessages();
        assertEquals(40, record.size(), "each message exactly once");
        for (int c = 0; c < 2; c++) {
            String chat = chats.get(c);
            List<String> texts = record.stream().filter(m -> m.toUserName().equals(chat)).map(SentMessage::content)
                    .toList();
            List<String> expected = new ArrayList<>();
            for (int i = c; i < 40; i += 2) expected.add("message " + i);
            assertEquals(expected, texts, "order to " + chat);
        }
        assertEquals(List.of(), warnings());
    }
}
