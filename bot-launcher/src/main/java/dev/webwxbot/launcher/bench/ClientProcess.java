package dev.webwxbot.launcher.bench;

import dev.webwxbot.safeoutput.TerminalText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client under test as a child process: its output is read line by line (each line stamped with the
 * {@link System#nanoTime()} it was read at), handed to a watcher, copied to a transcript file and its last lines
 * kept to explain a failure. Its pid is the process measured: the distribution's start script and {@code node}
 * both {@code exec}, so no wrapper stands between.
 */
final class ClientProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** A line the client printed, with when it was read. */
    record Line(long nanos, String text) {
    }

    private final Process process;
    private final long startNanos;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final Thread reader;

    private ClientProcess(Process process, long startNanos, Consumer<Line> watcher, PrintWriter transcript,
                          String label) {
        this.process = process;
        this.startNanos = startNanos;
        this.reader = Thread.ofPlatform().daemon().name("bench-output-" + label)
                .start(() -> pump(watcher, transcript, label));
    }

    /**
     * Starts {@code command} in {@code dir} with {@code env} added to (or, for a {@code null} value, removed from)
     * this process's environment; every line it prints goes to {@code watcher}, on one reader thread, in order.
     */
    static ClientProcess start(List<String> command, Path dir, Map<String, String> env, Consumer<Line> watcher,
                               PrintWriter transcript, String label) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        env.forEach((key, value) -> {
            if (value == null) builder.environment().remove(key);
            else builder.environment().put(key, value);
        });
        long startNanos = System.nanoTime();
        return new ClientProcess(builder.start(), startNanos, watcher, transcript, label);
    }

    private void pump(Consumer<Line> watcher, PrintWriter transcript, String label) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                Line line = new Line(System.nanoTime(), text);
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) tail.removeFirst();
                    tail.addLast(TerminalText.clean(text));
                }
                synchronized (transcript) {
                    transcript.println("[" + label + "] " + text);
                }
                watcher.accept(line);
            }
        } catch (IOException e) {
            synchronized (tail) {
                tail.addLast("(output closed: " + e + ")");
            }
        } finally {
            synchronized (transcript) {
                transcript.flush();
            }
        }
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines printed, cleaned for a terminal, to explain a failure. */
    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** SIGTERM, then SIGKILL if it is still running after a grace period; waits for the output to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        reader.join(Duration.ofSeconds(5));
    }
}
