package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webwx-bot accounts} and {@code webwx-bot send} against a real daemon ({@code run}'s, in this JVM) with the
 * API on, which they find through the data folder: its address file and generated token.
 */
class ApiCommandsEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Path data;
    private Path configFile;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        data = dir.resolve("data");
        configFile = dir.resolve("application.conf");
        Files.writeString(configFile, """
                webwx-bot {
                  api { enabled = true, port = 0 }
                  send { global-per-minute = 100000, global-burst = 1000, per-chat-per-minute = 100000,
                         per-chat-burst = 1000, min-gap = 0s, max-gap = 0s }
                  drain-time = 2s
                }
                """);
        LauncherSettings settings = LauncherSettings.load(Optional.of(configFile))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(Files.createDirectories(dir.resolve("plugins")))
                .withDataDir(data);
        daemon = Daemon.start(settings, configFile, OperatorConfig.load(Optional.of(configFile)),
                new PrintWriter(new StringWriter(), true));
        String uuid = emulator.awaitQrUuid(Duration.ofSeconds(20));
        phone.phone().scan(uuid);
        phone.phone().confirm();
        daemon.online().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.close();
        emulator.close();
    }

    @Test
    void accountsListsTheDaemonsAccountAndSendDeliversTextAndAFile() throws Exception {
        ApiCommandRun list = run("accounts", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("default") && list.out().contains("ONLINE") && list.out().contains("Bot"), list.out());

        ApiCommandRun text = run("send", "--account", "default", "--to", "Alice", "hello", "from", "the", "shell");
        assertEquals(0, text.exit(), text.err());
        SentMessage sent = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals("hello from the shell", sent.content());
        assertTrue(text.out().contains(sent.msgId()), text.out());

        Path notes = Files.writeString(dir.resolve("notes.txt"), "some notes\n");
        ApiCommandRun file = run("send", "--account", "default", "--to", "Alice", "--file", notes.toString());
        assertEquals(0, file.exit(), file.err());
        SentMessage sentFile = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(SentMessage.Kind.FILE, sentFile.kind());
        assertEquals("notes.txt", sentFile.media().fileName());
    }

    @Test
    void logSearchAndTailPrintWhatTheDaemonStored() throws Exception {
        alice.sendText("晚上好 see you at nine");
        ApiCommandRun search = awaitOutput(out -> out.contains("晚上好"),
                "log", "search", "晚上好", "--account", "default", "--since", "1h");
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.out().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  default  Alice  Alice: 晚上好 see you at nine\n"),
                search.out());

        ApiCommandRun sent = run("send", "--account", "default", "--to", "Alice", "nine works");
        assertEquals(0, sent.exit(), sent.err());
        ApiCommandRun tail = awaitOutput(out -> out.contains("nine works"),
                "log", "tail", "--account", "default", "--chat", "Alice", "-n", "5");
        assertEquals(0, tail.exit(), tail.err());
        List<String> lines = tail.out().lines().toList();
        assertTrue(lines.getFirst().endsWith("  default  Alice  Alice: 晚上好 see you at nine"), tail.out());
        assertTrue(lines.getLast().contains("  default  Alice  ") && lines.getLast().contains(": nine works"), tail.out());
    }

    /** The store writes off the event's thread: runs the command until its output is as expected (or 15 s pass). */
    private ApiCommandRun awaitOutput(Predicate<String> expected, String... args) {
        ApiCommandRun[] last = {null};
        return Await.value(() -> {
            last[0] = run(args);
            return last[0].exit() != 0 || expected.test(last[0].out()) ? Optional.of(last[0]) : Optional.empty();
        }, () -> "the expected output of " + String.join(" ", args) + "; the last was:\n" + last[0].out(),
                Duration.ofSeconds(15));
    }

    @Test
    void aWrongTokenIsRefusedWithoutPrintingIt() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-token"), "not-the-token\n");
        ApiCommandRun refused = run("accounts", "list", "--token-file", wrong.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("was refused"), refused.err());
        assertFalse(refused.err().contains("not-the-token"), refused.err());
    }

    private ApiCommandRun run(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", data.toString(), "--config", configFile.toString()))
                .toArray(String[]::new);
        return ApiCommandRun.of(all);
    }
}
