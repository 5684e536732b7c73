package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code bin/webwx-bot run} of the distribution as a child process, the way an operator starts it: its own
 * configuration file, data folder and log folder; what it prints is kept (and copied to a file of the soak's work
 * folder, every start one after another). The start script {@code exec}s the JVM, so signals reach the bot itself.
 */
final class BotProcess {

    /** Small and quick to start: many restarts on a shared 2-core machine; the bot's load here is light. */
    static final String JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx384m";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger sendFailures = new AtomicInteger();
    private final PrintWriter transcript;
    private final int generation;

    private BotProcess(Process process, PrintWriter transcript, int generation) {
        this.process = process;
        this.transcript = transcript;
        this.generation = generation;
    }

    static BotProcess start(Path distHome, Path workDir, Path config, String server, PrintWriter transcript,
                            int generation) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", distHome.resolve("bin/webwx-bot").toString(), "run",
                "--config", config.toString(), "--server", server,
                "--data-dir", workDir.resolve("data").toString(),
                "--plugins-dir", distHome.resolve("plugins").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("WEBWX_LOG_DIR", workDir.resolve("logs").toString());
        env.putIfAbsent("WEBWX_JAVA_OPTS", JAVA_OPTS);
        BotProcess bot = new BotProcess(builder.start(), transcript, generation);
        Thread.ofVirtual().name("soak-bot-output-" + generation).start(bot::pump);
        return bot;
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.contains("WARN") && line.contains("could not send")) sendFailures.incrementAndGet();
                synchronized (transcript) {
                    transcript.println("[bot " + generation + "] " + line);
                    transcript.flush();
                }
            }
        } catch (IOException e) {
            lines.add("(output closed: " + e + ")");
        }
    }

    /** How a bot came online: by itself (a resumed session), or by the phone scanning or confirming. */
    enum Login { RESUMED, SCANNED, PUSHED }

    /**
     * Waits until the bot prints that it runs, scanning its QR code or confirming its push prompt with
     * {@code account}'s phone when it asks; {@code meanwhile} runs between looks. Throws when the bot exits first
     * or takes longer than {@code within}.
     */
    Login awaitOnline(Emulator emulator, Account account, Duration within, Runnable meanwhile)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Login how = Login.RESUMED;
        int seen = 0;
        while (true) {
            List<String> all = lines();
            for (; seen < all.size(); seen++) {
                String line = all.get(seen);
                // "[run] running" for one account; a daemon with the API (or several accounts) prints its login steps.
                if (line.contains("[run] running") || line.contains("[login] online as")) return how;
                if (line.contains("scan this QR code")) {
                    how = Login.SCANNED;
                    account.phone().scan(emulator.awaitQrUuid(within));
                    account.phone().confirm();
                } else if (line.contains("a login request was sent to your phone")) {
                    how = Login.PUSHED;
                    account.phone().awaitPushPrompt(within);
                    account.phone().confirm();
                }
            }
            if (!isAlive() && seen == lines().size()) {
                throw new IllegalStateException("the bot exited (code " + exitValue() + ") before it was online:\n"
                        + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bot was not online within " + within.toSeconds() + " s:\n"
                        + tail(30));
            }
            meanwhile.run();
            Thread.sleep(50);
        }
    }

    /** Warnings this bot printed of a reply it could not send (a diagnostic: it reads the plugin's wording). */
    int sendFailuresReported() {
        return sendFailures.get();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last few lines, to explain a failure. */
    String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM: the bot's shutdown hook stops it cleanly. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; true when it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }
}
