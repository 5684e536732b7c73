package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.SentMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Emulator, core and the echo plugin's real jar, loaded by PF4J from the distribution's plugins folder, talking
 * over loopback sockets. The echo plugin is not on the test class path, so only PF4J can have loaded it.
 */
class EchoPluginEndToEndTest {

    private static final Path PLUGINS = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"));

    private Emulator emulator;
    private Account account;
    private Contact alice;

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void echoPluginJarIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.webwxbot.plugins.echo.EchoHandler"));
        assertTrue(Files.isRegularFile(PLUGINS.resolve("plugin-echo.jar")), "missing " + PLUGINS.toAbsolutePath());
    }

    @Test
    void friendsTextIsEchoedBackThroughTheServer() throws Exception {
        try (BotRunner runner = startBot()) {
            assertEquals(1, runner.handlers().stream().filter(h -> h.pluginId().equals("echo")).count(),
                    "echo's handler loaded by PF4J");
            alice.sendText("ping 😀 & <pong>");
            SentMessage reply = account.awaitSentMessage(Duration.ofSeconds(10));
            assertEquals(alice.userName(), reply.toUserName());
            assertEquals("ping 😀 & <pong>", reply.content());
            assertEquals(1, reply.type());
        }
    }

    @Test
    void myOwnMessageFromThePhoneIsNotEchoed() throws Exception {
        try (BotRunner runner = startBot()) {
            account.phone().sendText(alice, "I typed this on my phone");
            alice.sendText("and this is Alice");
            SentMessage reply = account.awaitSentMessage(Duration.ofSeconds(10));
            assertEquals("and this is Alice", reply.content());
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(Duration.ofMillis(800)));
        }
    }

    private BotRunner startBot() throws Exception {
        LauncherSettings settings = LauncherSettings.load(Optional.empty())
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(PLUGINS);
        BotRunner runner = new BotRunner(settings, false, progress -> {
            if (progress instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
            if (progress instanceof LoginProgress.Scanned) Thread.startVirtualThread(() -> account.phone().confirm());
        });
        runner.start().get(20, TimeUnit.SECONDS);
        return runner;
    }
}
