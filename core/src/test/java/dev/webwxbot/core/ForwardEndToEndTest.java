package dev.webwxbot.core;

import static dev.webwxbot.core.OutgoingEndToEndTest.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Outgoing.Forward} by the real client against the emulator over sockets: each kind a friend sends is
 * forwarded to a group as web clients forward (PROTOCOL.md 5.1–5.6, {@code Scene 2}, nothing uploaded), and the
 * group gets the same media: the emulator's record has the original's MD5, and the bot's download of the echo (9.7)
 * gives the original bytes. What the web cannot forward fails with a clear receipt and no request; a forward
 * survives an HTTP 5xx as every send does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SessionOptions FAST = SessionOptions.defaults()
            .withSendLimits(SendLimits.defaults().withGlobalRate(600_000, 1_000).withPerChatRate(600_000, 1_000)
                    .withGaps(Duration.ZERO, Duration.ZERO));

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private Contact group;
    private PhoneLogin login;
    private Bot bot;
    @TempDir
    Path downloads;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        group = account.addGroup("Weekend hikers", alice, bob);
        login = PhoneLogin.messagesOnly(account);
        bot = world.logIn(FAST, login).bot();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void aTextIsForwardedAsTheSameTextWithTheForwardScene() throws Exception {
        TextMessage text = received(TextMessage.class, alice.send(MessageBody.text("see you at 8 & bring <snacks>")));

        SentMessage sent = forwardToGroup(text);
        assertEquals(SentMessage.Kind.TEXT, sent.kind());
        assertEquals(1, sent.type());
        assertEquals("see you at 8 & bring <snacks>", sent.content());
        assertTrue(sent.forwarded(), "Scene 2");
    }

    @Test
    void anImageArrivesInTheGroupWithTheSameBytesAndNothingIsUploaded() throws Exception {
        byte[] jpeg = randomBytes(6_000, 1);
        ImageMessage image = received(ImageMessage.class, alice.send(MessageBody.image(jpeg, 640, 480)));
        int uploadsBefore = uploads();

        SendReceipt.Sent receipt = forward(image);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.IMAGE, sent.kind());
        assertEquals(3, sent.type());
        assertEquals(group.userName(), sent.toUserName());
        assertTrue(sent.forwarded());
        assertEquals("", sent.media().mediaId(), "forwarded by content, not by an upload's MediaId");
        assertEquals(md5(jpeg), sent.media().md5());
        assertEquals(uploadsBefore, uploads(), "nothing uploaded");
        assertArrayEquals(jpeg, echoBytes(ImageMessage.class, receipt), "the group's picture downloads as the original");
    }

    @Test
    void aVideoArrivesInTheGroupWithTheSameBytes() throws Exception {
        byte[] mp4 = randomBytes(9_000, 2);
        VideoMessage video = received(VideoMessage.class, alice.send(MessageBody.video(mp4, 4)));

        SendReceipt.Sent receipt = forward(video);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.VIDEO, sent.kind());
        assertEquals(43, sent.type());
        assertEquals(md5(mp4), sent.media().md5());
        assertArrayEquals(mp4, echoBytes(VideoMessage.class, receipt));
    }

    @Test
    void aFileIsForwardedByItsReceivedMediaIdAndArrivesWithTheSameBytes() throws Exception {
        byte[] pdf = randomBytes(7_000, 3);
        FileMessage file = received(FileMessage.class, alice.send(MessageBody.file("minutes.pdf", pdf)));
        int uploadsBefore = uploads();

        SendReceipt.Sent receipt = forward(file);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.FILE, sent.kind());
        assertEquals(file.mediaId(), sent.media().mediaId(), "the received MediaId as attachid");
        assertEquals("minutes.pdf", sent.media().fileName());
        assertEquals(pdf.length, sent.media().size());
        assertEquals(md5(pdf), sent.media().md5());
        assertTrue(sent.forwarded());
        assertEquals(uploadsBefore, uploads(), "nothing uploaded");
        assertArrayEquals(pdf, echoBytes(FileMessage.class, receipt));
    }

    @Test
    void aStickerIsForwardedByItsMd5() throws Exception {
        byte[] gif = ("GIF89a" + "-forwarded-sticker").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EmoticonMessage sticker = received(EmoticonMessage.class, alice.send(MessageBody.emoticon(gif, 40, 40)));

        SendReceipt.Sent receipt = forward(sticker);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.EMOTICON, sent.kind());
        assertEquals(md5(gif), sent.media().emoticonMd5());
        assertEquals(0, sent.scene(), "as wechat4u forwards a sticker: a known sticker sent again");
        assertArrayEquals(gif, echoBytes(EmoticonMessage.class, receipt));
    }

    @Test
    void aLocationIsSentAsType48WithTheServersOwnXml() throws Exception {
        LocationMessage location = received(LocationMessage.class,
                alice.send(MessageBody.location("Nanshan XX Building", 22.54, 113.93)));

        SendReceipt.Sent receipt = forward(location);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.TEXT, sent.kind(), "through webwxsendmsg");
        assertEquals(48, sent.type());
        assertEquals(location.locationXml(), sent.content());
        LocationMessage echo = login.next(LocationMessage.class, receipt.msgId(), WAIT);
        assertEquals("Nanshan XX Building", echo.label());
        assertEquals(22.54, echo.latitude(), 1e-6);
        assertEquals(113.93, echo.longitude(), 1e-6);
    }

    @Test
    void aCardIsSentAsType42OfTheSameContact() throws Exception {
        CardMessage card = received(CardMessage.class, alice.send(MessageBody.card(bob)));

        SendReceipt.Sent receipt = forward(card);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(42, sent.type());
        assertEquals("<msg username=\"" + bob.wxid() + "\" nickname=\"Bob\"/>", sent.content());
        CardMessage echo = login.next(CardMessage.class, receipt.msgId(), WAIT);
        assertEquals(bob.wxid(), echo.permanentId());
    }

    @Test
    void aLinkBecomesATextOfItsTitleAndAddressAsANewMessage() throws Exception {
        LinkMessage link = received(LinkMessage.class,
                alice.send(MessageBody.link("Trail map", "the northern loop", "https://example.com/map?a=1&b=2")));

        SentMessage sent = forwardToGroup(link);
        assertEquals(1, sent.type());
        assertEquals("Trail map\nhttps://example.com/map?a=1&b=2", sent.content());
        assertEquals(0, sent.scene(), "no send exists for a link share: a new text, not a forward");
    }

    @Test
    void aQuoteIsForwardedAsItsReply() throws Exception {
        QuoteMessage quote = received(QuoteMessage.class,
                alice.send(MessageBody.quote("agreed", "123456789", "Bot", "lunch?")));

        assertEquals("agreed", forwardToGroup(quote).content());
    }

    @Test
    void aVoiceNoteFailsClearlyAndSendsNothing() throws Exception {
        VoiceMessage voice = received(VoiceMessage.class, alice.send(MessageBody.voice(new byte[] {1, 2, 3}, 1_500)));
        int sendsBefore = sendRequests();

        SendReceipt receipt;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            receipt = bot.send(apiContact(group), Outgoing.forward(voice));
            assertEquals(1, logs.atLeast(Level.WARN).size(), logs.atLeast(Level.WARN).toString());
            assertTrue(logs.atLeast(Level.WARN).getFirst().contains("a voice note cannot be forwarded"),
                    logs.atLeast(Level.WARN).toString());
        }
        SendReceipt.Failed failed = assertInstanceOf(SendReceipt.Failed.class, receipt);
        assertEquals(FailureReason.INVALID_REQUEST, failed.reason());
        assertEquals("forward: a voice note cannot be forwarded: the web protocol has no way to send voice"
                + " (PROTOCOL.md 5 lists none)", failed.detail());
        assertEquals(sendsBefore, sendRequests(), "no request was made");
    }

    @Test
    void aForwardSurvivesAServerErrorByRetryingWithTheSameClientId() throws Exception {
        byte[] jpeg = randomBytes(4_000, 4);
        ImageMessage image = received(ImageMessage.class, alice.send(MessageBody.image(jpeg)));
        world.emulator.faults().on("webwxsendmsgimg").times(1).serverError(503);

        SendReceipt receipt;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            receipt = bot.send(apiContact(group), Outgoing.forward(image));
            logs.atLeast(Level.WARN).forEach(line -> assertTrue(line.contains("503"), line));
        }
        SendReceipt.Sent sent = assertInstanceOf(SendReceipt.Sent.class, receipt, receipt.toString());
        assertEquals(SendReceipt.Delivery.RETRIED, sent.delivery());
        assertEquals(2, sent.attempts());
        SentMessage recorded = account.awaitSentMessage(WAIT);
        assertEquals(md5(jpeg), recorded.media().md5());
        assertEquals(sent.localId(), recorded.clientMsgId());
        List<String> clientIds = world.emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxsendmsgimg"))
                .map(r -> new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .filter(body -> body.contains(sent.localId())).toList();
        assertEquals(2, clientIds.size(), "both attempts carried the same ClientMsgId");
    }

    /** Forwards {@code original} to the group and returns what the emulator recorded. */
    private SentMessage forwardToGroup(MessageEvent original) {
        forward(original);
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(group.userName(), sent.toUserName());
        return sent;
    }

    private SendReceipt.Sent forward(MessageEvent original) {
        SendReceipt receipt = bot.send(apiContact(group), Outgoing.forward(original));
        SendReceipt.Sent sent = assertInstanceOf(SendReceipt.Sent.class, receipt, receipt.toString());
        assertEquals(group.userName(), sent.chatUserName());
        return sent;
    }

    /** The bytes the bot downloads for the echo of its forward: what the group got. */
    private <T extends MessageEvent> byte[] echoBytes(Class<T> kind, SendReceipt.Sent receipt) throws Exception {
        T echo = login.next(kind, receipt.msgId(), WAIT);
        assertTrue(echo.envelope().fromSelf());
        Result<Path> saved = bot.download(echo, downloads);
        Result.Ok<Path> ok = assertInstanceOf(Result.Ok.class, saved, saved.toString());
        return Files.readAllBytes(ok.value());
    }

    private <T extends MessageEvent> T received(Class<T> kind, String msgId) throws InterruptedException {
        return login.next(kind, msgId, WAIT);
    }

    private int uploads() {
        return (int) world.emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/webwxuploadmedia"))
                .count();
    }

    private int sendRequests() {
        return (int) world.emulator.recordedRequests().stream().filter(r -> r.path().contains("/webwxsend")).count();
    }

    private dev.webwxbot.api.Contact apiContact(Contact contact) {
        return bot.contacts().byUserName(contact.userName()).orElseThrow();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
