package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    private Path data;
    private Path configFile;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        phone = emulator.addAccount("Bot");
        phone.addFriend("Alice");
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
