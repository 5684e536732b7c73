package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.FormPart;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of {@link Outgoing} sent by the real client to the emulator over sockets, checked in the emulator's
 * record field by field, the upload requests part by part; revoke inside and outside the window; typed failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutgoingEndToEndTest {
    private static final int CHUNK = 524_288;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The emulator's time: the test moves it past the revoke window (2 min, PROTOCOL.md 5.7) instead of sleeping. */
    private final ManualClock clock = ManualClock.startingNow();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorWorld world;
    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Contact carol;
    private Contact group;
    private Bot bot;
    private PhoneLogin login;
    @TempDir
    Path files;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start(settings -> settings.clock(clock));
        emulator = world.emulator;
        account = world.account;
        alice = account.addFriend("Alice");
        carol = account.addStranger("Carol");
        group = account.addGroup("Weekend hikers", alice, carol);
        login = PhoneLogin.messagesOnly(account);
        bot = world.logIn(SessionOptions.defaults(), login).bot();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void mentionsInAGroupArePrefixedWithFourPerEmSpaceAndListedInMsgSource() {
        dev.webwxbot.api.Contact chat = apiContact(group);
        SendReceipt receipt = bot.send(chat, new Outgoing.Text("lunch?",
                List.of(apiContact(alice), apiContact(carol))));
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.TEXT, sent.kind());
        assertEquals("@Alice\u2005@Carol\u2005lunch?", sent.content());
        assertEquals("<msgsource><atusername>" + alice.userName() + "," + carol.userName()
                + "</atusername><atchatroomname>" + group.userName() + "</atchatroomname></msgsource>", sent.msgSource());
        assertEquals(((SendReceipt.Sent) receipt).localId(), sent.clientMsgId());
        assertEquals(17, sent.localId().length());
    }

    @Test
    void anImageIsUploadedInOneRequestWithEveryFormFieldAndSentByItsMediaId() throws Exception {
        byte[] png = withMagic(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 3_000, 1);
        Path file = write("photo.png", png);
        int before = emulator.recordedRequests().size();

        SendReceipt receipt = bot.send(apiContact(alice), new Outgoing.Image(file));
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.IMAGE, sent.kind());
        assertEquals(3, sent.type());
        assertEquals(((SendReceipt.Sent) receipt).msgId(), sent.msgId());
        assertEquals("photo.png", sent.media().fileName());
        assertEquals(png.length, sent.media().size());
        assertEquals(md5(png), sent.media().md5());
        assertEquals("pic", sent.media().mediaType());

        List<RecordedRequest> uploads = uploadsSince(before);
        assertEquals(1, uploads.size());
        RecordedRequest upload = uploads.getFirst();
        assertEquals("file.wx.qq.com", upload.host());
        assertEquals("json", upload.queryParam("f"));
        assertEquals(List.of("id", "name", "type", "lastModifiedDate", "size", "mediatype", "uploadmediarequest",
                "webwx_data_ticket", "pass_ticket", "filename"), upload.parts().stream().map(FormPart::name).toList());
        assertEquals("WU_FILE_0", upload.part("id").text());
        assertEquals("photo.png", upload.part("name").text());
        assertEquals("image/png", upload.part("type").text());
        assertTrue(upload.part("lastModifiedDate").text().matches("\\w{3} \\w{3} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.+\\)"),
                upload.part("lastModifiedDate").text());
        assertEquals(Integer.toString(png.length), upload.part("size").text());
        assertEquals("pic", upload.part("mediatype").text());
        assertEquals(upload.cookies().get("webwx_data_ticket"), upload.part("webwx_data_ticket").text());
        assertFalse(upload.part("pass_ticket").text().contains("%"), "the form carries the decoded pass_ticket");
        FormPart bytes = upload.part("filename");
        assertEquals("photo.png", bytes.fileName());
        assertEquals("application/octet-stream", bytes.contentType());
        assertEquals(md5(png), bytes.md5());
        JsonNode request = JSON.readTree(upload.part("uploadmediarequest").text());
        assertEquals(List.of("UploadType", "BaseRequest", "ClientMediaId", "TotalLen", "StartPos", "DataLen",
                "MediaType", "FromUserName", "ToUserName", "FileMd5"), fieldNames(request));
        assertEquals(2, request.path("UploadType").asInt());
        assertEquals(png.length, request.path("TotalLen").asLong());
        assertEquals(0, request.path("StartPos").asInt());
        assertEquals(png.length, request.path("DataLen").asLong());
        assertEquals(4, request.path("MediaType").asInt());
        assertEquals(account.userName(), request.path("FromUserName").asText());
        assertEquals(alice.userName(), request.path("ToUserName").asText());
        assertEquals(md5(png), request.path("FileMd5").asText());

        RecordedRequest send = emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxsendmsgimg")).toList().getLast();
        assertEquals("async", send.queryParam("fun"));
        assertEquals("json", send.queryParam("f"));
    }

    @Test
    void aFileOfThreeChunksIsUploadedChunkByChunkAndReassembledWithTheSameMd5() throws Exception {
        byte[] pdf = withMagic("%PDF-1.7".getBytes(), 2 * CHUNK + 10_000, 2);
        Path file = write("annual report.pdf", pdf);
        int before = emulator.recordedRequests().size();

        SendReceipt receipt = bot.send(apiContact(alice), new Outgoing.File(file));
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.FILE, sent.kind());
        assertEquals(6, sent.type());
        assertEquals("annual report.pdf", sent.media().fileName());
        assertEquals(pdf.length, sent.media().size());
        assertEquals(md5(pdf), sent.media().md5(), "the emulator's MD5 of the reassembled file");
        assertEquals("pdf", sent.media().fileExt());
        assertEquals("doc", sent.media().mediaType());
        // SessionOptions.defaults() is desktop (UOS) mode, whose file XML has an empty appid (PROTOCOL.md 5.5).
        assertTrue(sent.content().startsWith("<appmsg appid='' sdkver=''><title>annual report.pdf"
                + "</title>"), sent.content());

        List<RecordedRequest> uploads = uploadsSince(before);
        assertEquals(3, uploads.size());
        String sharedRequest = uploads.getFirst().part("uploadmediarequest").text();
        for (int i = 0; i < 3; i++) {
            RecordedRequest chunk = uploads.get(i);
            assertEquals("3", chunk.part("chunks").text());
            assertEquals(Integer.toString(i), chunk.part("chunk").text());
            assertEquals(Integer.toString(pdf.length), chunk.part("size").text());
            assertEquals(sharedRequest, chunk.part("uploadmediarequest").text(), "every chunk carries the same request");
            byte[] slice = Arrays.copyOfRange(pdf, i * CHUNK, Math.min(pdf.length, (i + 1) * CHUNK));
            assertEquals(slice.length, chunk.part("filename").size());
            assertEquals(md5(slice), chunk.part("filename").md5());
        }
    }

    @Test
    void aVideoIsUploadedAsVideoAndSentThroughWebwxsendvideomsg() throws Exception {
        byte[] mp4 = withMagic(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'}, 5_000, 3);
        SendReceipt receipt = bot.send(apiContact(alice), new Outgoing.Video(write("clip.mp4", mp4)));
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.VIDEO, sent.kind());
        assertEquals(43, sent.type());
        assertEquals("video", sent.media().mediaType());
        assertEquals(md5(mp4), sent.media().md5());
    }

    @Test
    void anEmoticonFileIsUploadedAsDocAndAKnownStickerIsSentByItsMd5() throws Exception {
        byte[] gif = withMagic("GIF89a".getBytes(), 2_000, 4);
        SendReceipt uploaded = bot.send(apiContact(alice), new Outgoing.Emoticon(write("wave.gif", gif)));
        assertTrue(uploaded.ok(), uploaded.toString());
        SentMessage sticker = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.EMOTICON, sticker.kind());
        assertEquals("doc", sticker.media().mediaType());
        assertEquals(md5(gif), sticker.media().md5());

        login.events.clear();
        String msgId = alice.send(MessageBody.emoticon("GIF89a-received".getBytes(), 40, 40));
        EmoticonMessage received = login.next(EmoticonMessage.class, msgId, Duration.ofSeconds(10));
        SendReceipt replayed = bot.send(received.chat(), new Outgoing.StoredEmoticon(received.md5()));
        assertTrue(replayed.ok(), replayed.toString());
        SentMessage byMd5 = account.awaitSentMessage(WAIT);
        assertEquals(SentMessage.Kind.EMOTICON, byMd5.kind());
        assertEquals(received.md5(), byMd5.media().emoticonMd5());
        RecordedRequest send = emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxsendemoticon")).toList().getLast();
        assertEquals("sys", send.queryParam("fun"));
        assertNull(send.queryParam("f"));
    }

    @Test
    void refusalsComeBackTyped() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            sendsThatAreRefused();
            // Each refusal is also logged once, for the operator, by whichever thread learnt of it.
            String refused = "sending to @\\w+ failed \\(%s\\): %s";
            List<String> expected = List.of(refused.formatted("INVALID_REQUEST", "cannot read missing.png: .*"),
                    refused.formatted("INVALID_REQUEST", "webwxsendmsg: an empty text.*"),
                    refused.formatted("INVALID_REQUEST", "webwxsendemoticon: not an MD5: .*"),
                    refused.formatted("TOO_LARGE", "webwxuploadmedia: big.mp4 has 20971520 bytes, the limit is .*"),
                    refused.formatted("NOT_A_FRIEND", "webwxsendmsg answered Ret 1204 .*"));
            Await.until(() -> logs.at(Level.WARN).size() >= expected.size(), () -> "5 warnings: " + logs.at(Level.WARN));
            List<String> warnings = logs.at(Level.WARN);
            assertEquals(expected.size(), warnings.size(), warnings.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(warnings.get(i).matches("(?s)" + expected.get(i)), warnings.get(i));
            }
        }
    }

    private void sendsThatAreRefused() throws Exception {
        int before = emulator.recordedRequests().size();
        assertFailed(FailureReason.INVALID_REQUEST, bot.send(apiContact(alice), new Outgoing.Image(files.resolve("missing.png"))));
        assertFailed(FailureReason.INVALID_REQUEST, bot.send(apiContact(alice), Outgoing.text("")));
        assertFailed(FailureReason.INVALID_REQUEST, bot.send(apiContact(alice), new Outgoing.StoredEmoticon("not-md5")));
        Path bigVideo = files.resolve("big.mp4");
        try (RandomAccessFile sparse = new RandomAccessFile(bigVideo.toFile(), "rw")) {
            sparse.setLength(20L * 1024 * 1024);
        }
        SendReceipt tooLarge = bot.send(apiContact(alice), new Outgoing.Video(bigVideo));
        assertFailed(FailureReason.TOO_LARGE, tooLarge);
        assertTrue(((SendReceipt.Failed) tooLarge).detail().contains("limit"), tooLarge.toString());
        assertTrue(uploadsSince(before).isEmpty(), "nothing is uploaded for a refused file");

        SendReceipt stranger = bot.send(apiContact(carol), Outgoing.text("hello"));
        assertFailed(FailureReason.NOT_A_FRIEND, stranger);
        assertEquals(1204, ((SendReceipt.Failed) stranger).code());
    }

    @Test
    void aMessageIsRevokedInsideTheWindowAndNotAfterIt() throws Exception {
        SendReceipt.Sent first = assertInstanceOf(SendReceipt.Sent.class, bot.sendText(apiContact(alice), "oops"));
        account.awaitSentMessage(WAIT);
        Result<Void> revoked = bot.revoke(first);
        assertTrue(revoked.ok(), revoked.toString());
        RecordedRequest request = emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxrevokemsg")).toList().getLast();
        JsonNode body = JSON.readTree(request.bodyAsString());
        assertEquals(first.msgId(), body.path("SvrMsgId").asText());
        assertEquals(first.localId(), body.path("ClientMsgId").asText());
        assertEquals(alice.userName(), body.path("ToUserName").asText());
        assertTrue(account.conversation().getLast().text().startsWith("[revoked] oops"));

        SendReceipt.Sent late = assertInstanceOf(SendReceipt.Sent.class, bot.sendText(apiContact(alice), "late"));
        account.awaitSentMessage(WAIT);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        Result<Void> expired;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            expired = bot.revoke(late);
            assertEquals(List.of("revoking " + late.msgId() + " failed (EXPIRED): webwxrevokemsg answered Ret -1 (system "
                    + "error)"), logs.at(Level.WARN));
        }
        Result.Failed<Void> failed = assertInstanceOf(Result.Failed.class, expired);
        assertEquals(FailureReason.EXPIRED, failed.reason());
        assertEquals(-1, failed.code());
    }

    private static void assertFailed(FailureReason reason, SendReceipt receipt) {
        SendReceipt.Failed failed = assertInstanceOf(SendReceipt.Failed.class, receipt);
        assertEquals(reason, failed.reason(), failed.detail());
    }

    private List<RecordedRequest> uploadsSince(int before) {
        List<RecordedRequest> all = emulator.recordedRequests();
        return all.subList(before, all.size()).stream().filter(r -> r.path().endsWith("/webwxuploadmedia")).toList();
    }

    /** The client's view of a contact; a stranger (only known as a group member) as a plugin would name it. */
    private dev.webwxbot.api.Contact apiContact(Contact contact) {
        return bot.contacts().byUserName(contact.userName()).orElseGet(() -> new dev.webwxbot.api.Contact(
                contact.userName(), contact.nickName(), "", "", dev.webwxbot.api.ContactKind.STRANGER, ""));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(files.resolve(name), bytes);
    }

    static byte[] withMagic(byte[] magic, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
