package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.SentMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 24 MiB attachment downloaded through webwxgetmedia: above the transport's 16 MiB in-memory limit, so it only
 * works streamed to disk. Surefire runs this class in a JVM with a 48 MiB heap (see core/pom.xml), which cannot hold
 * the emulator's copy of the body and a second one on the client side.
 */
class LargeDownloadEndToEndTest {
    private static final int SIZE = 24 * 1024 * 1024;

    @TempDir
    Path files;

    @Test
    void a24MegabyteAttachmentIsStreamedToDiskWithinASmallHeap() throws Exception {
        // Only meaningful in the small heap of its own surefire execution; "-Dtest=" also runs it in the default one.
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= 2L * SIZE, "needs a heap of at most twice the file");
        Path original = files.resolve("archive.bin");
        String md5 = writeRandom(original, SIZE);
        Path inbox = Files.createDirectory(files.resolve("inbox"));

        // No echo of the send: the emulator would hold the 24 MiB echo in this same small heap.
        try (EmulatorWorld world = EmulatorWorld.start(
                settings -> settings.maxRecordedRequests(200).echoWebSentMessages(false))) {
            Account account = world.account;
            Contact alice = account.addFriend("Alice");
            Bot bot = OnlineSession.logIn(world.client, account, SessionOptions.defaults()).bot();
            dev.webwxbot.api.Contact chat = bot.contacts().byUserName(alice.userName()).orElseThrow();
            // The emulator serves an uploaded attachment back by its MediaId, as the real file host does for a
            // forwarded file (PROTOCOL.md 5.5): upload it (streamed from disk), then download it again.
            SendReceipt receipt = bot.send(chat, new Outgoing.File(original));
            assertTrue(receipt.ok(), receipt.toString());
            SentMessage sent = account.awaitSentMessage(Duration.ofSeconds(60));
            FileMessage mine = new FileMessage(new Envelope(sent.msgId(), chat, bot.self(), Instant.now(), true, false),
                    "archive.bin", SIZE, sent.media().mediaId());

            Result<Path> result = bot.download(mine, inbox);

            Path saved = ((Result.Ok<Path>) assertInstanceOf(Result.Ok.class, result, result.toString())).value();
            assertEquals("archive.bin", saved.getFileName().toString());
            assertEquals(SIZE, Files.size(saved));
            assertEquals(md5, md5Streamed(saved));
        }
    }

    private static String writeRandom(Path file, int size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("MD5");
        Random random = new Random(24);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                int length = Math.min(block.length, size - written);
                out.write(block, 0, length);
                digest.update(block, 0, length);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String md5Streamed(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
