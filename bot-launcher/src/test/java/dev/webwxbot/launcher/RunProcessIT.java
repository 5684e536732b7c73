package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as an operator runs it: {@code bin/webwx-bot run} in its own process against the
 * emulator with an operator's configuration file, the QR code printed and scanned by the emulated phone, a friend's
 * texts answered by the shipped auto-reply plugin per the file's rules (echo switched off there),
 * {@code bin/webwx-bot plugins list} answered over the control socket, a second {@code run} on the same data folder
 * refused in one line, SIGTERM (a clean stop, exit status 143, saying the session is kept), and a second start with
 * the same data folder that is online without a scan and answers by the rules again; a client command run from
 * another folder leaves nothing there. Runs after {@code package}.
 */
class RunProcessIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));
    private static final Duration STEP = Duration.ofSeconds(60);

    /** What an operator writes to answer by rules instead of echoing; {sender}, {text} and {number} are filled in. */
    private static final String OPERATOR_CONF = """
            plugins.echo.enabled = false
            plugins.auto-reply {
              rules = [
                { name = greeting, keywords = ["hello"], reply = "Hi {sender}, you said: {text}" }
                { name = order, regex = "order\\\\s*#?(?P<number>\\\\d+)", reply = "Order {number} is on its way, {sender}." }
              ]
            }
            """;

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        emulator.close();
    }

    @Test
    void distributionRunsLogsInAnswersByTheOperatorsAutoReplyRulesStopsOnSigtermAndResumesWithoutAScan() throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(dir.resolve("bot.conf"), OPERATOR_CONF);
        Running first = run(data);
        first.await("scan this QR code");
        String uuid = emulator.awaitQrUuid(STEP);
        account.phone().scan(uuid);
        account.phone().confirm();
        first.await("[run] running");
        alice.sendText("hello daemon");
        assertEquals("Hi Alice, you said: hello daemon", account.awaitSentMessage(STEP).content());

        Process list = command("plugins", "list", "--data-dir", data.toString()).start();
        processes.add(list);
        String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
        assertTrue(listed.lines().anyMatch(l -> l.startsWith("auto-reply ") && l.contains(": ACTIVE")), listed);
        assertTrue(listed.lines().anyMatch(l -> l.startsWith("echo ") && l.contains(": DISABLED_BY_CONFIG")), listed);

        Running intruder = run(data);
        assertTrue(intruder.process().waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "a second run on the folder gives up");
        assertEquals(Main.DATA_DIR_IN_USE, intruder.process().exitValue(), intruder.output());
        assertEquals(1, intruder.lines().size(), "one line, no stack trace:\n" + intruder.output());
        assertTrue(intruder.output().contains("in use by another webwx-bot (pid " + first.process().pid() + ", 'run'"),
                intruder.output());

        first.process().destroy(); // SIGTERM
        assertTrue(first.process().waitFor(STEP.toSeconds(), TimeUnit.SECONDS), "stopped on SIGTERM");
        assertEquals(143, first.process().exitValue(), "the JVM's status for SIGTERM after a clean stop, as documented");
        assertTrue(first.output().contains("[run] stopped (session kept; the next run resumes without a scan)"),
                first.output());
        assertFalse(first.output().contains("LOGGED_OUT_BY_CLIENT"), "a stop is not reported as a logout");
        assertFalse(Files.exists(data.resolve(ControlServer.SOCKET_FILE)), "control socket removed");
        assertTrue(Files.exists(data.resolve("session.json")), "session saved");
        Path log = dir.resolve("logs").resolve("webwx-bot.log");
        assertTrue(Files.readString(log).contains("stopped"), "rolling log file written from the dist's logback.xml");
        assertEquals("rwx------", permissions(data), "the data folder is the owner's alone");
        assertEquals("rwx------", permissions(log.getParent()));
        assertEquals("rw-------", permissions(log));
        assertEquals("rw-------", permissions(data.resolve("session.json")));

        Running second = run(data);
        second.await("[run] running");
        assertFalse(second.output().contains("scan this QR code"), second.output());
        // Events of one chat are handled in order: once the order is answered, the line before it was handled too.
        alice.sendText("no rule matches this");
        alice.sendText("where is order #42?");
        assertEquals("Order 42 is on its way, Alice.", account.awaitSentMessage(STEP).content());
        assertEquals(List.of("Hi Alice, you said: hello daemon", "Order 42 is on its way, Alice."),
                account.sentMessages().stream().map(m -> m.content()).toList(), "no answer where no rule matched");
        second.process().destroy();
        assertTrue(second.process().waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aClientCommandRunFromAnotherFolderLeavesNothingThere() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        ProcessBuilder builder = command("plugins", "list", "--data-dir", dir.resolve("data").toString())
                .directory(elsewhere.toFile()).redirectErrorStream(true);
        builder.environment().remove("WEBWX_LOG_DIR"); // as an operator types it: no log folder configured
        Process list = builder.start();
        processes.add(list);
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
        assertEquals(3, list.exitValue(), output);
        assertTrue(output.contains("no running bot"), output);
        try (var left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList(), "no data/logs created in the folder it ran from");
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private Running run(Path data) throws IOException {
        // Into a file, not a pipe: a pipe read while the process exits can lose its last lines ("Stream closed").
        Path output = dir.resolve("run-" + processes.size() + ".out");
        Process process = command("run", "--config", dir.resolve("bot.conf").toString(), "--server", emulator.baseUrl(),
                "--data-dir", data.toString(), "--plugins-dir", DIST.resolve("plugins").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        processes.add(process);
        return new Running(process, output);
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", DIST.resolve("bin/webwx-bot").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("WEBWX_LOG_DIR", dir.resolve("logs").toString());
        return builder;
    }

    /** A running bot process and what it printed so far. */
    private record Running(Process process, Path file) {

        List<String> lines() {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String output() {
            return String.join("\n", lines());
        }

        void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + STEP.toNanos();
            while (lines().stream().noneMatch(line -> line.contains(text))) {
                if (System.nanoTime() > deadline || !process.isAlive() && lines().stream().noneMatch(l -> l.contains(text))) {
                    throw new AssertionError("no '" + text + "' in the output:\n" + output());
                }
                Thread.sleep(50);
            }
        }
    }
}
