package dev.webwxbot.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code webwx-bot bench} on the packaged distribution: our daemon and wechat4u each log in to the
 * same emulator and echo 20 messages of warm-up, 50 at 50 a second and 50 in a closed loop; then our daemon with three
 * accounts, and one cold start of each. Nothing may be lost and every figure must be there; no figure is judged (a
 * benchmark is not a timed test). Runs after {@code package}; its output stays in {@code target/bench-it}.
 *
 * <p>Like the emulator's {@code Wechat4uInteropTest}: skipped when {@code node} or {@code npm} is not installed,
 * unless {@code WEBWX_TEST_REQUIRE_NODE=1} ({@code ./webwx-bot test} sets it once it found or installed them), where it
 * fails instead.
 */
class BenchIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    private static final Path WORK = Path.of("target", "bench-it");
    private static final Path WECHAT4U_SOURCES = Path.of("..", "emulator", "interop", "wechat4u");
    private static final Path WECHAT4U_HOME = Path.of("target", "wechat4u-bench");
    private static final String REQUIRE_NODE = "WEBWX_TEST_REQUIRE_NODE";

    @Test
    void bothClientsAnswerEveryMessageAndTheReportHasEveryFigure() throws Exception {
        boolean nodeRuns = Wechat4uInstall.nodeRuns();
        if (!nodeRuns && "1".equals(System.getenv(REQUIRE_NODE))) {
            fail(REQUIRE_NODE + "=1 (set by './webwx-bot test' once it found or installed node and npm), but node or "
                    + "npm does not run here: the benchmark's short form cannot be skipped");
        }
        assumeTrue(nodeRuns, "node and npm are not installed: the benchmark's short form is skipped ('./webwx-bot "
                + "test' installs them where it can and then requires them)");
        deleteTree(WORK);
        Path wechat4u = Wechat4uInstall.ensure(WECHAT4U_SOURCES, WECHAT4U_HOME).toAbsolutePath();
        BenchPlan plan = new BenchPlan(List.of(50.0), 1, 50, 10, 20, 5, 1, 3, List.of(50.0), Duration.ofSeconds(10),
                Duration.ofSeconds(60), Optional.empty(), DIST.toAbsolutePath(), wechat4u, WORK.toAbsolutePath());

        BenchReport report = Bench.run(plan, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        String markdown = report.markdown();
        System.out.println(markdown);

        assertAll(
                () -> assertEquals(0, report.lost(), markdown),
                () -> assertEquals(List.of(), report.problems(), markdown),
                () -> assertTrue(report.clean(), markdown),
                () -> {
                    for (Client client : Client.values()) {
                        List<PhaseResult> phases = report.perClient().get(client);
                        assertEquals(2, phases.size(), client + ": " + markdown);
                        for (PhaseResult phase : phases) {
                            assertEquals(50, phase.timings().injected(), client + " injected: " + markdown);
                            assertEquals(50, phase.timings().answered(), client + " answered: " + markdown);
                        }
                        assertEquals(1, report.coldStarts().get(client).size(), client + " cold start: " + markdown);
                    }
                },
                () -> assertEquals(50, report.many().phases().getFirst().timings().answered(), markdown),
                () -> assertTrue(markdown.contains("| | ours / wechat4u |"), "a ratio row: " + markdown),
                () -> assertTrue(markdown.contains("| 50/s | ours ×3 |"), "the many-account row: " + markdown));
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
