package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.MessageBody;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every download kind of PROTOCOL.md 7 by the real client from the emulator, saved under sanitised names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadEndToEndTest {
    private EmulatorWorld world;
    private Contact alice;
    private Bot bot;
    private PhoneLogin login;
    @TempDir
    Path directory;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start();
        alice = world.account.addFriend("Alice");
        login = PhoneLogin.messagesOnly(world.account);
        bot = world.logIn(SessionOptions.defaults(), login).bot();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void anImageAndItsThumbnailAreSavedAsJpegs() throws Exception {
        byte[] jpeg = bytes(4_000, 1);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        ImageMessage image = next(ImageMessage.class, alice.send(MessageBody.image(jpeg, 64, 48)));
        Path saved = ok(bot.download(image, directory));
        assertArrayEquals(jpeg, Files.readAllBytes(saved));
        assertEquals("image_" + image.msgId() + ".jpg", saved.getFileName().toString());
        Path thumbnail = ok(bot.downloadThumbnail(image, directory));
        byte[] preview = Files.readAllBytes(thumbnail);
        assertTrue(preview.length > 2 && (preview[0] & 0xFF) == 0xFF && (preview[1] & 0xFF) == 0xD8);
        assertEquals(directory, thumbnail.getParent());
    }

    @Test
    void aPngSentAsAnImageIsSavedAsAPngThoughTheServerCallsItAJpeg() throws Exception {
        byte[] png = bytes(4_000, 5);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, png, 0, signature.length);
        ImageMessage image = next(ImageMessage.class, alice.send(MessageBody.image(png, 64, 48)));
        Path saved = ok(bot.download(image, directory));
        assertArrayEquals(png, Files.readAllBytes(saved));
        assertEquals("image_" + image.msgId() + ".png", saved.getFileName().toString());
    }

    @Test
    void voiceVideoAndStickerAreSavedWithExtensionsFromTheirContentType() throws Exception {
        byte[] mp3 = bytes(3_000, 2);
        Path voice = ok(bot.download(next(MessageEvent.class, alice.send(MessageBody.voice(mp3, 2_000))), directory));
        assertArrayEquals(mp3, Files.readAllBytes(voice));
        assertTrue(voice.toString().endsWith(".mp3"), voice.toString());

        byte[] mp4 = bytes(9_000, 3);
        // The emulator, like the real server, answers webwxgetvideo with nothing unless Range is sent.
        Path video = ok(bot.download(next(MessageEvent.class, alice.send(MessageBody.video(mp4, 3))), directory));
        assertArrayEquals(mp4, Files.readAllBytes(video));
        assertTrue(video.toString().endsWith(".mp4"), video.toString());

        byte[] gif = "GIF89a-sticker-bytes".getBytes();
        Path sticker = ok(bot.download(next(MessageEvent.class, alice.send(MessageBody.emoticon(gif, 20, 20))), directory));
        assertArrayEquals(gif, Files.readAllBytes(sticker));
        assertTrue(sticker.toString().endsWith(".gif"), sticker.toString());
    }

    @Test
    void aGifStickerIsSavedAsAGifThoughTheServerCallsItAJpeg() throws Exception {
        byte[] gif = picture("gif", 24, 16);
        EmoticonMessage sticker = next(EmoticonMessage.class, alice.send(MessageBody.emoticon(gif, 24, 16)));
        Path saved = ok(bot.download(sticker, directory));
        assertEquals("emoticon_" + sticker.msgId() + ".gif", saved.getFileName().toString());
        assertArrayEquals(gif, Files.readAllBytes(saved));
    }

    @Test
    void voiceAndVideoAreNamedByWhatTheirBytesAreNotByTheServersContentType() throws Exception {
        // WeChat's own voice files are SILK v3 with a 0x02 byte in front; the server calls every voice audio/mp3.
        byte[] silk = withHead(bytes(2_000, 6), new byte[] {2, '#', '!', 'S', 'I', 'L', 'K', '_', 'V', '3'});
        VoiceMessage voice = next(VoiceMessage.class, alice.send(MessageBody.voice(silk, 1_500)));
        assertEquals("voice_" + voice.msgId() + ".silk", ok(bot.download(voice, directory)).getFileName().toString());

        byte[] amr = withHead(bytes(2_000, 7), "#!AMR\n".getBytes(StandardCharsets.US_ASCII));
        VoiceMessage older = next(VoiceMessage.class, alice.send(MessageBody.voice(amr, 1_500)));
        assertEquals("voice_" + older.msgId() + ".amr", ok(bot.download(older, directory)).getFileName().toString());

        // An iPhone's clip: QuickTime, though served as video/mp4.
        byte[] mov = withHead(bytes(6_000, 8), new byte[] {0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '});
        VideoMessage clip = next(VideoMessage.class, alice.send(MessageBody.video(mov, 2)));
        Path saved = ok(bot.download(clip, directory));
        assertEquals("video_" + clip.msgId() + ".mov", saved.getFileName().toString());
        assertArrayEquals(mov, Files.readAllBytes(saved));
    }

    @Test
    void aFileKeepsItsOwnExtensionAndGetsTheOneItsBytesAnnounceOnlyWhenItHasNone() throws Exception {
        byte[] png = picture("png", 8, 8);
        FileMessage named = next(FileMessage.class, alice.send(MessageBody.file("photo.jpg", png)));
        assertEquals("photo.jpg", ok(bot.download(named, directory)).getFileName().toString(),
                "the sender's name is kept, whatever the bytes are");

        byte[] pdf = withHead(bytes(3_000, 9), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        FileMessage bare = next(FileMessage.class, alice.send(MessageBody.file("scan", pdf)));
        assertEquals("scan.pdf", ok(bot.download(bare, directory)).getFileName().toString());

        byte[] zip = withHead(bytes(3_000, 10), new byte[] {'P', 'K', 3, 4});
        FileMessage archive = next(FileMessage.class, alice.send(MessageBody.file("photos", zip)));
        assertEquals("photos.zip", ok(bot.download(archive, directory)).getFileName().toString());
    }

    @Test
    void aFileIsSavedUnderItsOwnNameAndASecondCopyDoesNotOverwriteIt() throws Exception {
        byte[] pdf = bytes(5_000, 4);
        FileMessage file = next(FileMessage.class, alice.send(MessageBody.file("report.pdf", pdf)));
        Path first = ok(bot.download(file, directory));
        assertEquals("report.pdf", first.getFileName().toString());
        assertArrayEquals(pdf, Files.readAllBytes(first));
        Path second = ok(bot.download(file, directory));
        assertEquals("report (2).pdf", second.getFileName().toString());
    }

    @Test
    void hostileFileNamesAreSavedInsideTheDirectoryOnly() throws Exception {
        String[] hostile = {"../../escaped.txt", "..\\..\\win\\escaped.txt", "bell\u0007and\nnewline.txt",
                "\u202Eexe.txt", "CON.txt", "..", "/etc/passwd"};
        // Two levels below the test's own folder, so "../.." lands where the walk below can see it (walking the
        // shared /tmp instead raced with other processes' temporary files).
        Path inbox = Files.createDirectories(directory.resolve("a").resolve("b").resolve("inbox"));
        for (String name : hostile) {
            FileMessage file = next(FileMessage.class, alice.send(MessageBody.file(name, "x".getBytes())));
            Path saved = ok(bot.download(file, inbox));
            assertEquals(inbox, saved.getParent(), name);
            String savedName = saved.getFileName().toString();
            assertTrue(savedName.chars().noneMatch(c -> c < 0x20 || c == '/' || c == '\\' || c == 0x202E), savedName);
            assertTrue(!savedName.startsWith(".") && !savedName.equalsIgnoreCase("CON.txt"), savedName);
        }
        try (Stream<Path> everything = Files.walk(directory)) {
            assertTrue(everything.noneMatch(p -> p.getFileName().toString().contains("escaped")
                    && !p.getParent().equals(inbox)), "nothing was written outside the target directory");
        }
    }

    @Test
    void headImagesOfAFriendAreSavedAndAMessageWithoutMediaIsRefused() throws Exception {
        dev.webwxbot.api.Contact friend = bot.contacts().byUserName(alice.userName()).orElseThrow();
        Path head = ok(bot.downloadHeadImage(friend, directory));
        byte[] jpeg = Files.readAllBytes(head);
        assertTrue(jpeg.length > 2 && (jpeg[0] & 0xFF) == 0xFF, "a JPEG");
        assertTrue(head.toString().endsWith(".jpg"), head.toString());

        alice.sendText("no media here");
        TextMessage text = next(TextMessage.class, null);
        Result.Failed<?> refused = assertInstanceOf(Result.Failed.class, bot.download(text, directory));
        assertEquals(FailureReason.INVALID_REQUEST, refused.reason());
    }

    @SuppressWarnings("unchecked")
    private static Path ok(Result<Path> result) {
        return ((Result.Ok<Path>) assertInstanceOf(Result.Ok.class, result, result.toString())).value();
    }

    /** The next event of {@code type} with {@code msgId} (any id when null). */
    private <T extends MessageEvent> T next(Class<T> type, String msgId) throws InterruptedException {
        return login.next(type, msgId, Duration.ofSeconds(10));
    }

    /** A real picture in {@code format} (gif, png), as a phone would send it. */
    private static byte[] picture(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "the JDK writes " + format);
        return out.toByteArray();
    }

    private static byte[] withHead(byte[] bytes, byte[] head) {
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
