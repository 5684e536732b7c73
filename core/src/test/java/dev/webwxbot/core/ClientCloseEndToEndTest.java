package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a client while requests are in flight (downloads the server never answers, the synccheck long poll) is
 * silent: every pending call ends as a NETWORK failure, no partial file stays, and nothing is logged at ERROR (the
 * reported "Failed to submit a listener notification task. Event loop shut down?" with its stack trace).
 */
class ClientCloseEndToEndTest {

    /** Each download cut off by the close logs one warning; any other WARN or ERROR line fails the test. */
    private final CapturedLogs logs = CapturedLogs.attach()
            .expect(Level.WARN, "download of \\d+ failed \\(NETWORK\\): download: GET .*");
    @TempDir
    Path directory;

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    @Test
    void closingWithDownloadsInFlightFailsThemQuietlyAndLeavesNoFiles() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(20)).start()) {
            Account account = emulator.addAccount("Bot");
            Contact alice = account.addFriend("Alice");
            WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
            OnlineSession online = OnlineSession.logIn(client, account, SessionOptions.defaults());
            List<FileMessage> files = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                files.add(online.next(FileMessage.class,
                        alice.send(MessageBody.file("file" + i + ".bin", new byte[10_000 + i]))));
            }
            emulator.faults().on("webwxgetmedia").stall();

            List<CompletableFuture<Result<Path>>> downloads = new ArrayList<>();
            for (FileMessage file : files) {
                downloads.add(CompletableFuture.supplyAsync(() -> online.bot().download(file, directory),
                        command -> Thread.startVirtualThread(command)));
            }
            awaitRequests(emulator, "/webwxgetmedia", files.size());
            client.close();

            for (CompletableFuture<Result<Path>> download : downloads) {
                Result<Path> result = download.get(10, TimeUnit.SECONDS);
                Result.Failed<?> failed = assertInstanceOf(Result.Failed.class, result, result.toString());
                assertEquals(FailureReason.NETWORK, failed.reason());
            }
            try (Stream<Path> left = Files.list(directory)) {
                assertEquals(List.of(), left.toList(), "no partial or temporary file");
            }
            // close() returned after its event loops terminated, so the dying loops have said all they will; a
            // Netty warning among it would be an unasserted line, which the log guard fails the test for.
            assertEquals(List.of(), logs.atLeast(Level.ERROR));
            assertEquals(files.size(), logs.at(Level.WARN).size(), logs.at(Level.WARN).toString());
        }
    }

    private static void awaitRequests(Emulator emulator, String path, int count) {
        Await.until(() -> emulator.recordedRequests().stream().filter(r -> r.path().endsWith(path)).count() >= count,
                count + " requests to " + path, Duration.ofSeconds(20));
    }
}
