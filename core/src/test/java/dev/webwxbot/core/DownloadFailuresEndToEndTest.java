package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads that cannot complete, by the real client from the emulator: whatever goes wrong, the session goes on and
 * the target directory holds no partial file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadFailuresEndToEndTest {
    private static final long LIMIT = 100_000;

    private EmulatorWorld world;
    private Contact alice;
    private OnlineSession online;
    @TempDir
    Path scratch;
    /** A fresh, empty folder for each test. */
    private Path directory;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start(settings -> settings.seed(7L));
        alice = world.account.addFriend("Alice");
        online = OnlineSession.logIn(world.client, world.account, SessionOptions.defaults().withMaxDownloadBytes(LIMIT));
    }

    @BeforeEach
    void emptyFolder() throws Exception {
        directory = Files.createTempDirectory(scratch, "downloads");
    }

    @AfterEach
    void noFaultsLeft() {
        world.emulator.faults().clear();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void aFileAboveTheSessionsDownloadLimitIsRefusedTooLargeAndLeavesNoFile() throws Exception {
        FileMessage file = fileFromAlice("video-export.bin", (int) LIMIT * 3);

        Result.Failed<?> refused = failed(downloadWarning(file, " aborted: GET .*: response body larger than 100000 bytes"));

        assertEquals(FailureReason.TOO_LARGE, refused.reason());
        assertTrue(refused.detail().contains("larger than " + LIMIT + " bytes"), refused.detail());
        assertEquals(List.of(), filesIn(directory));
    }

    @Test
    void aConnectionResetHalfwayThroughTheBodyIsANetworkFailureAndLeavesNoFile() throws Exception {
        byte[] bytes = randomBytes(80_000);
        FileMessage file = fileFromAlice("photos.zip", bytes);
        world.emulator.faults().on("webwxgetmedia").times(1).reset();

        Result.Failed<?> refused = failed(downloadWarning(file, " failed \\(NETWORK\\): download: GET .*"));

        assertEquals(FailureReason.NETWORK, refused.reason());
        assertEquals(FaultKind.RESET, world.emulator.faults().fired("webwxgetmedia").getLast().kind());
        assertEquals(List.of(), filesIn(directory));
        Path saved = ok(online.bot().download(file, directory));
        assertArrayEquals(bytes, Files.readAllBytes(saved), "the next attempt succeeds: the session went on");
    }

    @Test
    void aBodyCutShortByTheServerIsANetworkFailureAndLeavesNoFile() throws Exception {
        FileMessage file = fileFromAlice("notes.txt", randomBytes(50_000));
        world.emulator.faults().on("webwxgetmedia").times(1).truncate();

        Result.Failed<?> refused = failed(downloadWarning(file, " failed \\(NETWORK\\): download: GET .*: "
                + "connection closed before the response was complete"));

        assertEquals(FailureReason.NETWORK, refused.reason());
        assertEquals(List.of(), filesIn(directory));
    }

    @Test
    void aServerErrorIsRejectedAndLeavesNoFile() throws Exception {
        FileMessage file = fileFromAlice("sheet.xlsx", randomBytes(5_000));
        world.emulator.faults().on("webwxgetmedia").times(1).serverError(503);

        Result.Failed<?> refused = failed(online.bot().download(file, directory));

        assertEquals(FailureReason.REJECTED, refused.reason());
        assertTrue(refused.detail().contains("HTTP 503"), refused.detail());
        assertEquals(List.of(), filesIn(directory));
    }

    /** Downloads {@code file}, which must fail with one warning: "download of <msgId>" then {@code rest}. */
    private Result<Path> downloadWarning(FileMessage file, String rest) {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Result<Path> result = online.bot().download(file, directory);
            List<String> warnings = logs.at(Level.WARN);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().matches("(?s)download of " + file.envelope().msgId() + rest), warnings.getFirst());
            return result;
        }
    }

    private FileMessage fileFromAlice(String name, int size) throws InterruptedException {
        return fileFromAlice(name, randomBytes(size));
    }

    private FileMessage fileFromAlice(String name, byte[] bytes) throws InterruptedException {
        return online.next(FileMessage.class, alice.send(MessageBody.file(name, bytes)));
    }

    private static Result.Failed<?> failed(Result<Path> result) {
        return assertInstanceOf(Result.Failed.class, result, result.toString());
    }

    @SuppressWarnings("unchecked")
    private static Path ok(Result<Path> result) {
        return ((Result.Ok<Path>) assertInstanceOf(Result.Ok.class, result, result.toString())).value();
    }

    /** Every entry of the directory, hidden temporary files included. */
    private static List<Path> filesIn(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
