package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.MessageBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of message the emulator's phone side can send reaches a logged-in client session as the right
 * event with the right fields, over real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageKindsEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact carol;
    private Contact group;
    private PhoneLogin login;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        carol = account.addStranger("Carol");
        group = account.addGroup("Weekend hikers", alice, carol);
        // Messages only: nextOfKind takes the very next event, which must not be LoggedIn.
        login = PhoneLogin.messagesOnly(account);
        world.logIn(SessionOptions.defaults(), login);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void image() throws Exception {
        byte[] jpeg = {1, 2, 3};
        ImageMessage image = next(ImageMessage.class, alice.send(MessageBody.image(jpeg, 640, 480)));
        // ImgWidth/ImgHeight are the thumbnail's size, at most 120 px (corpus addmsg/itchat4j-readme-type3).
        assertEquals(120, image.width());
        assertEquals(90, image.height());
        assertEquals(md5(jpeg), image.md5());
        assertEquals(3, image.size());
        Envelope envelope = image.envelope();
        assertEquals(3, envelope.msgType());
        assertEquals(3, envelope.status());
        assertEquals(2, envelope.imgStatus());
        assertEquals(Envelope.TimeSource.SERVER, envelope.timeSource());
    }

    @Test
    void voiceCarriesItsLengthSizeAndFormat() throws Exception {
        VoiceMessage voice = next(VoiceMessage.class, alice.send(MessageBody.voice(new byte[] {1}, 1580)));
        assertEquals(Duration.ofMillis(1580), voice.length());
        assertEquals(1, voice.size());
        assertEquals(4, voice.voiceFormat());
    }

    @Test
    void videoCarriesItsLengthMd5AndSizes() throws Exception {
        byte[] mp4 = {1, 2, 3, 4};
        VideoMessage video = next(VideoMessage.class, alice.send(MessageBody.video(mp4, 12, new byte[7], 320, 240)));
        assertEquals(Duration.ofSeconds(12), video.length());
        assertEquals(md5(mp4), video.md5());
        assertEquals(4, video.size());
        assertEquals(7, video.thumbnailSize());
    }

    @Test
    void fileCarriesNameSizeMediaIdEncodedNameExtensionAndApp() throws Exception {
        FileMessage file = next(FileMessage.class, alice.send(MessageBody.file("report_2024.pdf", new byte[2048])));
        assertEquals("report_2024.pdf", file.fileName());
        assertEquals(2048, file.size());
        assertTrue(file.mediaId().startsWith("@crypt_"), file.mediaId());
        assertEquals("report%5F2024%2Epdf", file.encodedFileName());
        assertEquals("pdf", file.extension());
        assertEquals("wx6618f1cfc6c132f8", file.appId());
        assertEquals("微信电脑版", file.appName());
    }

    @Test
    void cardNamesItsSubjectWithItsPermanentIdAndAvatars() throws Exception {
        CardMessage card = next(CardMessage.class, alice.send(MessageBody.card(carol)));
        assertEquals("Carol", card.nickName());
        assertFalse(card.official());
        assertEquals(carol.wxid(), card.permanentId());
        assertEquals(17, card.scene());
        assertTrue(card.bigAvatarUrl().startsWith("http://wx.qlogo.cn/mmhead/"), card.bigAvatarUrl());
        assertTrue(card.smallAvatarUrl().endsWith("/132"), card.smallAvatarUrl());
    }

    @Test
    void emoticonCarriesTheMd5SizeDimensionsAndAddressesOfItsBytes() throws Exception {
        byte[] gif = {7, 7};
        EmoticonMessage emoticon = next(EmoticonMessage.class, alice.send(MessageBody.emoticon(gif, 64, 48)));
        assertEquals(md5(gif), emoticon.md5());
        assertFalse(emoticon.storeSticker());
        assertEquals(2, emoticon.size());
        assertEquals(64, emoticon.width());
        assertEquals(48, emoticon.height());
        assertTrue(emoticon.cdnUrl().startsWith("http://emoji.qpic.cn/wx_emoji/"), emoticon.cdnUrl());
        assertFalse(emoticon.aesKey().isEmpty());
        assertEquals("", emoticon.productId());
    }

    @Test
    void locationCarriesLabelCoordinatesAndZoom() throws Exception {
        LocationMessage location = next(LocationMessage.class,
                alice.send(MessageBody.location("Shenzhen Nanshan XX Building", 22.54, 113.93)));
        assertEquals("Shenzhen Nanshan XX Building", location.label());
        assertEquals(22.54, location.latitude(), 1e-6);
        assertEquals(113.93, location.longitude(), 1e-6);
        assertEquals(16, location.scale());
    }

    @Test
    void linkMusicMiniProgramQuoteAndTransfer() throws Exception {
        LinkMessage link = next(LinkMessage.class, alice.send(MessageBody.link("Title & more", "desc", "https://example.com/a?b=1&c=2")));
        assertEquals("Title & more", link.title());
        assertEquals("https://example.com/a?b=1&c=2", link.url());
        MusicMessage music = next(MusicMessage.class, alice.send(MessageBody.music("Song", "Artist", "https://m.example/s", "https://m.example/s.mp3")));
        assertEquals("https://m.example/s.mp3", music.streamUrl());
        MiniProgramMessage mini = next(MiniProgramMessage.class, alice.send(MessageBody.miniProgram("Shop", "wx1234", "gh_abc@app", "pages/index")));
        assertEquals("wx1234", mini.appId());
        QuoteMessage quote = next(QuoteMessage.class, alice.send(MessageBody.quote("agreed", "123456789", "Bot", "lunch?")));
        assertEquals("agreed", quote.text());
        assertEquals("123456789", quote.quotedMsgId());
        TransferMessage transfer = next(TransferMessage.class, alice.send(MessageBody.transfer("¥8.88", "lunch")));
        assertFalse(transfer.description().isEmpty());
    }

    @Test
    void revokeNamesTheWithdrawnMessage() throws Exception {
        String original = alice.send(MessageBody.text("oops"));
        next(TextMessage.class, original);
        String revokeId = alice.revoke(original);
        RevokeNotice revoke = next(RevokeNotice.class, revokeId);
        assertEquals(original, revoke.revokedMsgId());
        assertEquals(alice.wxid(), revoke.chatPermanentId());
        assertTrue(revoke.oldMsgId().matches("[0-9]{10}"), revoke.oldMsgId());
        assertEquals(4, revoke.envelope().status());
    }

    @Test
    void friendRequestCarriesItsTicketAndGreeting() throws Exception {
        account.receiveFriendRequest("Dave", "Hi, I'm Dave");
        FriendRequest request = nextOfKind(FriendRequest.class);
        assertEquals("Dave", request.nickName());
        assertEquals("Hi, I'm Dave", request.greeting());
        assertTrue(request.ticket().startsWith("v2_"), request.ticket());
        assertTrue(request.permanentId().startsWith("wxid_"), request.permanentId());
        assertTrue(request.bigAvatarUrl().endsWith("/0"), request.bigAvatarUrl());
        assertEquals(37, request.envelope().msgType());
    }

    @Test
    void groupNoticesAreClassified() throws Exception {
        Contact erin = account.addStranger("Erin");
        group.addMember(erin, alice);
        SystemNotice joined = nextOfKind(SystemNotice.class);
        assertEquals(SystemNotice.Kind.GROUP_MEMBER_JOINED, joined.kind());
        assertEquals(group.userName(), joined.chat().userName());
        group.renameGroup("Sunday hikers", alice);
        assertEquals(SystemNotice.Kind.GROUP_RENAMED, nextOfKind(SystemNotice.class).kind());
        next(SystemNotice.class, alice.send(MessageBody.redPacketNotice()));
    }

    @Test
    void mentionInAGroupIsDetected() throws Exception {
        TextMessage text = next(TextMessage.class, carol.sendIn(group, MessageBody.mention("lunch?", "Bot")));
        assertTrue(text.envelope().mentionsMe());
        assertEquals(carol.userName(), text.sender().userName());
    }

    @Test
    void capturedMessageReplayedFromTheCorpusArrivesAsItsKind() throws Exception {
        String capture = Files.readString(Path.of("../testdata/corpus/addmsg/unresolved-40276100670-type49-app6.json"));
        FileMessage file = next(FileMessage.class, account.injectRawMessage(capture, alice));
        assertFalse(file.fileName().isEmpty());
        assertTrue(file.size() > 0);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    /** The next message event, which must be of {@code type} and carry {@code msgId}. */
    private <T extends MessageEvent> T next(Class<T> type, String msgId) throws InterruptedException {
        T event = nextOfKind(type);
        assertEquals(msgId, event.msgId());
        return event;
    }

    private <T extends MessageEvent> T nextOfKind(Class<T> type) throws InterruptedException {
        return login.take(type);
    }
}
