package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoreSettings;
import dev.webwxbot.store.StoredMessage;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The durable outbox through the packaged daemon: fifty sends made through the HTTP API wait behind slow send
 * limits, the daemon is killed with SIGKILL while most still wait, and after the restart the emulator has received
 * each of the fifty exactly once, and each send's row in the message store carries its receipt.
 */
class QueuedSendsKillIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    private static final int SENDS = 50;
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final String TOKEN = "queued-sends-kill-it-token";

    @Test
    void fiftySendsQueuedBehindSlowLimitsAreEachDeliveredOnceAfterAKill() throws Exception {
        Path work = Path.of("target", "queued-sends-kill").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("config"));
        int port = freePort();
        Path config = work.resolve("config").resolve("bot.conf");
        // Two sends a second, one at a time: the fifty take about 25 s, so the kill finds most of them waiting.
        Files.writeString(config, """
                webwx-bot {
                  send {
                    global-per-minute = 120, global-burst = 1
                    per-chat-per-minute = 120, per-chat-burst = 1
                    min-gap = 0s, max-gap = 0s
                  }
                  timeouts { login-poll = 5s, sync-check = 4s, call = 3s }
                  api { enabled = true, port = %d, token = "%s" }
                }
                plugins.echo.enabled = false
                """.formatted(port, TOKEN));
        HttpClient http = HttpClient.newHttpClient();
        List<BotProcess> running = new ArrayList<>(); // killed at the end whatever happened: no daemon outlives the test
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Soak.LOGIN_POLL_HOLD)
                .syncCheckHold(Soak.SYNC_CHECK_HOLD).start();
             PrintWriter transcript = new PrintWriter(Files.newBufferedWriter(work.resolve("bot-output.log")))) {
            Account account = emulator.addAccount("Bot");
            account.addFriend("Alice");
            BotProcess first = BotProcess.start(DIST, work, config, emulator.baseUrl(), transcript, 1);
            running.add(first);
            first.awaitOnline(emulator, account, STEP, () -> { });
            for (int i = 1; i <= SENDS; i++) {
                // Each call answers once its send is done; the kill cuts most of them off, which is the point.
                http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + "/api/v1/accounts/default/messages"))
                                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"Alice\",\"text\":\"queued " + i + "\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .exceptionally(failure -> null);
            }
            awaitKept(work, SENDS);
            first.kill();
            assertTrue(first.awaitExit(STEP), "the first daemon exited");
            int before = queued(account).size();
            assertTrue(before < SENDS, "the kill found sends still waiting (" + before + " sent)");

            BotProcess second = BotProcess.start(DIST, work, config, emulator.baseUrl(), transcript, 2);
            running.add(second);
            assertEquals(BotProcess.Login.RESUMED, second.awaitOnline(emulator, account, STEP, () -> { }));
            long deadline = System.nanoTime() + STEP.toNanos();
            while (distinct(account) < SENDS && System.nanoTime() < deadline) Thread.sleep(100);
            // A send the first daemon had made just before the kill is settled once the second learns the server has
            // it, which may come after every text arrived: wait for the store's rows too before stopping it.
            while (storedAsSent(http, port) < SENDS && System.nanoTime() < deadline) Thread.sleep(100);
            second.terminate();
            second.awaitExit(STEP);

            Map<String, Long> counts = queued(account).stream()
                    .collect(Collectors.groupingBy(SentMessage::content, Collectors.counting()));
            List<String> lost = new ArrayList<>();
            for (int i = 1; i <= SENDS; i++) {
                if (!counts.containsKey("queued " + i)) lost.add("queued " + i);
            }
            List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), lost, "never delivered; the daemons' output is in " + work);
            assertEquals(List.of(), twice, "delivered twice; the daemons' output is in " + work);

            // The message store has each send's row with its receipt, those finished after the restart included.
            Map<String, String> msgIds = queued(account).stream()
                    .collect(Collectors.toMap(SentMessage::content, SentMessage::msgId));
            try (MessageStore store = MessageStore.open(StoreSettings.sqlite(work.resolve("data")))) {
                List<StoredMessage> rows = store.search(SearchQuery.text("queued").account("default").limit(1000));
                assertEquals(SENDS, rows.size(), "one row per send, their echoes not stored again: " + rows.stream()
                        .map(row -> row.direction() + " " + row.text()).toList());
                for (StoredMessage row : rows) {
                    assertEquals(Direction.OUT, row.direction());
                    assertEquals("sent", row.status(), row.text() + ": " + row.failure());
                    assertEquals(msgIds.get(row.text()), row.msgId(), row.text() + ": the receipt's MsgId");
                }
            }
        } finally {
            running.stream().filter(BotProcess::isAlive).forEach(BotProcess::kill);
        }
    }

    /** How many rows of the message store the running daemon's API shows as sent. */
    private static long storedAsSent(HttpClient http, int port) throws InterruptedException {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/messages?account=default&q=queued&limit=1000"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.split("\"status\":\"sent\"", -1).length - 1;
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static List<SentMessage> queued(Account account) {
        return account.sentMessages().stream().filter(m -> m.content().startsWith("queued ")).toList();
    }

    private static long distinct(Account account) {
        return queued(account).stream().map(SentMessage::content).distinct().count();
    }

    /** Until the outbox holds every send's intent: then the kill finds all of them written down. */
    private static void awaitKept(Path work, int count) {
        Path outbox = work.resolve("data").resolve("outbox.journal");
        Await.until(() -> {
            String kept = Files.readString(outbox);
            for (int i = 1; i <= count; i++) {
                if (!kept.contains("queued " + i + "\"")) return false;
            }
            return true;
        }, "the outbox holding all " + count + " sends", STEP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
