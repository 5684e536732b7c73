package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.FaultKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The short fault soak of issue 12 ("nothing lost, nothing twice") on the packaged distribution: 2,000 numbered
 * messages from 25 chats (friends and groups) at 25 a second, 15 % of the session's requests faulted, the bot killed
 * with SIGKILL three times and stopped with SIGTERM twice at seeded times, each time resumed from its saved
 * session. Every number must be answered exactly once, in its chat. Runs after {@code package}, about two
 * minutes; the bot's output and logs stay in {@code target/soak-it} for reading after a failure.
 */
class FaultSoakIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    private static final Path WORK = Path.of("target", "soak-it");

    @Test
    void everyMessageIsAnsweredExactlyOnceThroughFaultsKillsAndGracefulRestarts() throws Exception {
        deleteTree(WORK);
        SoakPlan plan = new SoakPlan(2_000, 25, 0.15, 3, 2, 20_261_206L, false, Duration.ofSeconds(20),
                Duration.ofSeconds(60), DIST.toAbsolutePath(), WORK.toAbsolutePath());
        SoakReport report = Soak.run(plan, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        System.out.println(report.summary());

        assertAll(
                () -> assertEquals(3, report.kills(), "kill -9 restarts done"),
                () -> assertEquals(2, report.terms(), "SIGTERM restarts done"),
                () -> assertTrue(report.faults().getOrDefault(FaultKind.STALL, 0L) > 0
                        && report.faults().getOrDefault(FaultKind.DUPLICATE_MESSAGE, 0L) > 0,
                        "the faults fired, stalls and duplicate deliveries among them: " + report.summary()),
                () -> assertEquals(0, report.scans() + report.pushLogins(),
                        "every restart resumed without the phone: " + report.summary()),
                () -> assertEquals(0, report.lost(), "lost: " + report.summary()),
                () -> assertEquals(0, report.answeredTwice(), "answered twice: " + report.summary()),
                () -> assertEquals(0, report.misdirected(), "answered in another chat: " + report.summary()));
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
