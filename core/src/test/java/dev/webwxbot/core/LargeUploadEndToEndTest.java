package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 60 MB file sent as an attachment through webwxcheckupload and 115 chunks. Surefire runs this class alone in a
 * JVM with a 48 MiB heap (see core/pom.xml): holding the file in memory would fail with OutOfMemoryError.
 */
class LargeUploadEndToEndTest {
    private static final long SIZE = 60_000_000L;
    private static final int CHUNK = 524_288;

    @TempDir
    Path files;

    @Test
    void a60MegabyteFileGoesThroughCheckUploadAndChunksWithinASmallHeap() throws Exception {
        // Only meaningful in the small heap of its own surefire execution; "-Dtest=" also runs it in the default one.
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < SIZE, "needs a heap smaller than the file");
        Path big = files.resolve("backup.zip");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(SIZE);
            sparse.write("PK\u0003\u0004 not all zeros".getBytes());
            sparse.seek(SIZE - 5);
            sparse.write("tail!".getBytes());
        }
        String md5 = md5Streamed(big);

        try (EmulatorWorld world = EmulatorWorld.start(settings -> settings.maxRecordedRequests(500))) {
            Account account = world.account;
            Contact alice = account.addFriend("Alice");
            Session session = world.logIn(SessionOptions.defaults(), new PhoneLogin(account));

            SendReceipt receipt = session.bot().send(session.bot().contacts().byUserName(alice.userName()).orElseThrow(),
                    new Outgoing.File(big));
            assertTrue(receipt.ok(), receipt.toString());

            SentMessage sent = account.awaitSentMessage(Duration.ofSeconds(30));
            assertEquals(SentMessage.Kind.FILE, sent.kind());
            assertEquals(SIZE, sent.media().size());
            assertEquals(md5, sent.media().md5(), "the emulator reassembled exactly the file");
            assertEquals("zip", sent.media().fileExt());

            ObjectMapper json = new ObjectMapper();
            List<RecordedRequest> recorded = world.emulator.recordedRequests();
            RecordedRequest check = recorded.stream().filter(r -> r.path().endsWith("/webwxcheckupload")).findFirst()
                    .orElseThrow(() -> new AssertionError("no webwxcheckupload for a file above 25 MiB"));
            JsonNode checkBody = json.readTree(check.bodyAsString());
            assertEquals(md5, checkBody.path("FileMd5").asText());
            assertEquals("backup.zip", checkBody.path("FileName").asText());
            assertEquals(SIZE, checkBody.path("FileSize").asLong());
            assertEquals(7, checkBody.path("FileType").asInt());

            List<RecordedRequest> chunks = recorded.stream().filter(r -> r.path().endsWith("/webwxuploadmedia")).toList();
            assertEquals((SIZE + CHUNK - 1) / CHUNK, chunks.size());
            JsonNode uploadRequest = json.readTree(chunks.getFirst().part("uploadmediarequest").text());
            assertFalse(uploadRequest.path("Signature").asText().isEmpty(), "the checkupload signature goes along");
            assertFalse(uploadRequest.path("AESKey").asText().isEmpty());
            assertEquals(uploadRequest.path("Signature").asText(), sent.media().signature(),
                    "and into the webwxsendappmsg Msg");
            assertEquals(SIZE % CHUNK, chunks.getLast().part("filename").size());
        }
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
