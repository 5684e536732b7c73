package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Durable appends on the real disk, side by side: the former way (each append forced under the log's lock, so
 * concurrent appends queue for one fsync after another) against {@link AppendLog}'s group commit, for N threads ×
 * M appends of an outbox-sized record. Reports appends per second (median of five rounds, each listed), forces per append and
 * the ratio. Not part of the normal build (the name does not end in Test); run it with
 *
 * <pre>
 * mvn -B -o -pl plugin-api,safe-output,test-support,emulator,core test-compile surefire:test@default-test \
 *     -Dtest=GroupCommitBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip
 * </pre>
 *
 * The table is printed and written to {@code core/target/group-commit-benchmark.md}; the files go under
 * {@code core/target/group-commit-bench} (the project's disk, not a tmpfs). {@link GroupCommitBenchmarkTest} runs
 * a tiny form in the suite, checking only that every append is read back.
 */
class GroupCommitBenchmark {

    private static final List<Integer> THREADS = List.of(1, 4, 16, 64);
    private static final int APPENDS = 1_600; // in all, split over the threads
    /** Rounds per thread count, alternating which way goes first; the median round is reported. */
    private static final int ROUNDS = 5;

    /** One side of a run. */
    record Result(String way, int threads, int appends, long forces, double seconds) {
        double appendsPerSecond() {
            return appends / seconds;
        }

        double forcesPerAppend() {
            return (double) forces / appends;
        }
    }

    @Test
    void sideBySide() throws Exception {
        Path dir = Path.of("target", "group-commit-bench");
        Files.createDirectories(dir);
        StringBuilder table = new StringBuilder()
                .append("load average before: ").append(loadAverage()).append("\n\n")
                .append("| threads | appends | one force per append: appends/s | forces/append "
                        + "| group commit: appends/s | forces/append | group / one-per-append "
                        + "| rounds, appends/s (one per append; group) |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        forcePerAppend(dir, 4, 100); // warm-up: JIT, file creation
        groupCommit(dir, 4, 100);
        for (int threads : THREADS) {
            List<Result> befores = new ArrayList<>();
            List<Result> afters = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // Alternating the order spreads the drift of a shared disk over both ways.
                if (round % 2 == 0) befores.add(forcePerAppend(dir, threads, APPENDS / threads));
                afters.add(groupCommit(dir, threads, APPENDS / threads));
                if (round % 2 == 1) befores.add(forcePerAppend(dir, threads, APPENDS / threads));
            }
            Result before = median(befores);
            Result after = median(afters);
            table.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.2f | %.0f | %.2f | %.1fx | %s; %s |%n",
                    threads, after.appends(), before.appendsPerSecond(), before.forcesPerAppend(),
                    after.appendsPerSecond(), after.forcesPerAppend(),
                    after.appendsPerSecond() / before.appendsPerSecond(), rates(befores), rates(afters)));
        }
        table.append("\nload average after: ").append(loadAverage()).append('\n');
        System.out.println(table);
        Files.writeString(Path.of("target", "group-commit-benchmark.md"), table);
    }

    private static String rates(List<Result> rounds) {
        return String.join(" ", rounds.stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r.appendsPerSecond())).toList());
    }

    private static Result median(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::appendsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** The group commit: {@code threads} × {@code each} durable appends through {@link AppendLog}. */
    static Result groupCommit(Path dir, int threads, int each) throws Exception {
        Path file = fresh(dir.resolve("group.journal"));
        AtomicLong forces = new AtomicLong();
        AppendLog log = AppendLog.open(file, channel -> {
            forces.incrementAndGet();
            AppendLog.DiskForce.FILE_DATA.force(channel);
        }).log();
        double seconds = run(threads, each, record -> log.append(List.of(record), true));
        log.close();
        lostNothing(file, threads * each);
        // The closing force is not an append's.
        return new Result("group commit", threads, threads * each, forces.get() - 1, seconds);
    }

    /** The former {@code AppendLog.append}: write and force under the lock, one force per durable append. */
    static Result forcePerAppend(Path dir, int threads, int each) throws Exception {
        Path file = fresh(dir.resolve("serial.journal"));
        AtomicLong forces = new AtomicLong();
        ReentrantLock lock = new ReentrantLock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            double seconds = run(threads, each, record -> {
                ByteBuffer bytes = ByteBuffer.wrap((new String(Json.write(record), StandardCharsets.UTF_8) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                lock.lock();
                try {
                    while (bytes.hasRemaining()) channel.write(bytes);
                    channel.force(false);
                    forces.incrementAndGet();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    lock.unlock();
                }
            });
            lostNothing(file, threads * each);
            return new Result("one force per append", threads, threads * each, forces.get(), seconds);
        }
    }

    private interface Appender {
        void append(JsonNode record);
    }

    private static double run(int threads, int each, Appender appender) throws InterruptedException {
        List<Thread> running = new ArrayList<>(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) appender.append(outboxSized(thread, i));
            }));
        }
        for (Thread thread : running) thread.join();
        return (System.nanoTime() - start) / 1e9;
    }

    /** About the size of an outbox intent for a short text answer. */
    private static JsonNode outboxSized(int thread, int i) {
        ObjectNode record = Json.MAPPER.createObjectNode().put("op", "intent").put("id", thread + "-" + i)
                .put("chat", "@" + "0123456789abcdef".repeat(4));
        record.set("message", Json.MAPPER.createObjectNode().put("kind", "text")
                .put("text", "an answer of about a hundred characters, as an echo bot or a short reply would send it"));
        return record;
    }

    private static void lostNothing(Path file, int appends) throws IOException {
        AppendLog.Opened reread = AppendLog.open(file);
        reread.log().close();
        if (reread.records().size() != appends) {
            throw new AssertionError(file + " holds " + reread.records().size() + " of " + appends + " appends");
        }
    }

    private static Path fresh(Path file) throws IOException {
        Files.deleteIfExists(file);
        return file;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
