package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The case a user found losing three quarters of a backlog: the packaged bot's first answer stalls on the server,
 * a hundred messages of the same chat queue up behind it, and the bot is stopped, gracefully (SIGTERM, with a
 * drain too short to finish them) or not (SIGKILL). After the restart every one of the hundred is answered, once.
 */
class StalledBacklogIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    private static final int MESSAGES = 100;
    private static final Duration STEP = Duration.ofSeconds(90);

    @ParameterizedTest(name = "stopped with {0}")
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void aHundredMessagesBehindAStalledAnswerAreEachAnsweredOnceAfterTheRestart(String signal) throws Exception {
        Path work = Path.of("target", "stalled-backlog-" + signal.toLowerCase()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("config"));
        Path config = work.resolve("config").resolve("bot.conf");
        // The soak's bot, with a drain far too short for the backlog: a SIGTERM leaves it unfinished too.
        Files.writeString(config, Soak.BOT_CONF + "\nwebwx-bot.drain-time = 200ms\n");
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Soak.LOGIN_POLL_HOLD)
                .syncCheckHold(Soak.SYNC_CHECK_HOLD).start();
             PrintWriter transcript = new PrintWriter(Files.newBufferedWriter(work.resolve("bot-output.log")))) {
            Account account = emulator.addAccount("Bot");
            Contact alice = account.addFriend("Alice");
            BotProcess first = BotProcess.start(DIST, work, config, emulator.baseUrl(), transcript, 1);
            first.awaitOnline(emulator, account, STEP, () -> { });
            emulator.faults().on("webwxsendmsg").times(1).stall();
            for (int i = 1; i <= MESSAGES; i++) alice.sendText("soak " + i);
            emulator.faults().awaitFired(FaultKind.STALL, STEP);
            awaitJournaled(work, MESSAGES);
            if (signal.equals("SIGKILL")) first.kill(); else first.terminate();
            assertTrue(first.awaitExit(STEP), "the first bot exited");
            int answeredBefore = answers(account).size();
            assertTrue(answeredBefore < MESSAGES, "the stop cut the backlog short (" + answeredBefore + " answered)");

            BotProcess second = BotProcess.start(DIST, work, config, emulator.baseUrl(), transcript, 2);
            assertEquals(BotProcess.Login.RESUMED, second.awaitOnline(emulator, account, STEP, () -> { }));
            long deadline = System.nanoTime() + STEP.toNanos();
            while (answers(account).size() < MESSAGES && System.nanoTime() < deadline) Thread.sleep(100);
            second.terminate();
            second.awaitExit(STEP);

            Map<String, Long> counts = answers(account).stream()
                    .collect(Collectors.groupingBy(SentMessage::content, Collectors.counting()));
            List<String> lost = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                if (!counts.containsKey("ack " + i)) lost.add("soak " + i);
            }
            List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), lost, "lost; the bots' output is in " + work);
            assertEquals(List.of(), twice, "answered twice; the bots' output is in " + work);
        }
    }

    private static List<SentMessage> answers(Account account) {
        return account.sentMessages().stream().filter(m -> m.content().startsWith("ack ")).toList();
    }

    /** Until the bot's journal holds the whole backlog, so the stop comes with all of it received. */
    private static void awaitJournaled(Path work, int count) {
        Path journal = work.resolve("data").resolve("inbox.journal");
        Await.until(() -> Files.readString(journal).contains("soak " + count + "\""), "the whole backlog journaled", STEP);
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
