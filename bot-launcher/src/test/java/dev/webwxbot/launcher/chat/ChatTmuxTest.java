package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webwx-bot chat} in its own JVM on a real pseudo-terminal: tmux runs it, keys are typed with
 * {@code send-keys} and the screen is read with {@code capture-pane}. Skipped where tmux is not installed; the
 * pty-free {@link ChatConsoleEndToEndTest} covers the same commands everywhere.
 */
class ChatTmuxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path noPlugins;

    private final String session = "webwx-chat-" + UUID.randomUUID().toString().substring(0, 8);
    private Emulator emulator;
    private Account account;
    private Contact alice;

    @BeforeEach
    void world() {
        assumeTrue(tmuxInstalled(), "tmux is not installed (apt-get install -y tmux); the pty test is skipped");
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Me");
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() throws Exception {
        if (emulator == null) return;
        tmux("kill-session", "-t", session);
        emulator.close();
    }

    @Test
    void consoleOnARealTerminalSendsPrintsAboveTheTypedLineAndNeutralisesEscapes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.webwxbot.launcher.Main", "chat", "--server", emulator.baseUrl(),
                "--data-dir", dataDir.toString(), "--plugins-dir", noPlugins.toString(), "--no-auto-reply");
        tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", "env TERM=xterm-256color "
                + String.join(" ", command.stream().map(ChatTmuxTest::quote).toList())
                // Keep the pane after the console ends, to read its last words and exit code.
                + "; echo \"[exit $?]\"; sleep 60");
        account.phone().scan(emulator.awaitQrUuid(WAIT));
        account.phone().confirm();
        awaitScreen("[chat] online as Me");

        tmux("send-keys", "-t", session, "-l", "--", "->Ali");
        tmux("send-keys", "-t", session, "Tab");
        tmux("send-keys", "-t", session, "-l", "--", "hello from a pty 你好");
        tmux("send-keys", "-t", session, "Enter");
        SentMessage sent = awaitSent();
        assertEquals(alice.userName(), sent.toUserName());
        assertEquals("hello from a pty 你好", sent.content());
        awaitScreen("→ Alice: sent (text)");

        // A message arriving while a line is half typed is printed above it; the typed text stays on the prompt.
        tmux("send-keys", "-t", session, "-l", "--", "half typed");
        awaitScreen("> half typed");
        alice.sendText("arrives \u001b[2J\u001b]0;pwned\u0007 while typing");
        String screen = awaitScreen("while typing");
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
        assertEquals("> half typed", lines.getLast().strip(), screen);
        assertTrue(lines.get(lines.size() - 2).contains("Alice             arrives"), screen);
        assertTrue(screen.contains("[chat] online as Me"), "the screen was not cleared:\n" + screen);
        assertFalse(title().contains("pwned"), "the window title was set");

        tmux("send-keys", "-t", session, "C-u");
        tmux("send-keys", "-t", session, "-l", "--", "quit");
        tmux("send-keys", "-t", session, "Enter");
        awaitScreen("[exit 0]");
        // With the scrollback: the core may log a shutdown stack trace that scrolls the goodbye off the screen.
        String all = tmux("capture-pane", "-p", "-S", "-", "-t", session);
        assertTrue(all.contains("[chat] bye"), all);
        assertTrue(Files.readString(dataDir.resolve(ChatConsole.HISTORY_FILE), StandardCharsets.UTF_8)
                .contains("->Alice:hello from a pty 你好"));
    }

    private String awaitScreen(String expected) {
        String[] screen = {""};
        return Await.value(() -> {
            screen[0] = tmux("capture-pane", "-p", "-t", session);
            if (!screen[0].contains(expected)) screen[0] = tmux("capture-pane", "-p", "-S", "-", "-t", session);
            return screen[0].contains(expected) ? Optional.of(screen[0]) : Optional.empty();
        }, () -> "the pane showing '" + expected + "'; it shows:\n" + screen[0], WAIT);
    }

    private SentMessage awaitSent() throws Exception {
        try {
            return account.awaitSentMessage(WAIT);
        } catch (dev.webwxbot.emulator.EmulatorTimeoutException e) {
            return fail("nothing was sent; the pane shows:\n" + tmux("capture-pane", "-p", "-t", session), e);
        }
    }

    private String title() throws Exception {
        return tmux("display-message", "-p", "-t", session, "#{pane_title}");
    }

    private static boolean tmuxInstalled() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        return out;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
