package dev.webwxbot.launcher;

import dev.webwxbot.testsupport.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees of the conversation without DEBUG: the daemon of {@code run}, with the bundled echo and
 * auto-reply jars (standing in for a user's first plugin), writes one INFO line per message in (naming the plugin
 * that answered, or none) and one per reply out; the text only when configured, cleaned. Echo, the last resort,
 * answers only what the ordinary plugin left.
 */
class ConversationLogEndToEndTest {

    private static final Path DIST_PLUGINS = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"));
    private static final String FAST_SENDS = """
            webwx-bot.watch-quiet-period = 100ms
            webwx-bot.send { global-per-minute = 100000, global-burst = 1000, per-chat-per-minute = 100000,
              per-chat-burst = 1000, min-gap = 0s, max-gap = 0s }
            plugins.auto-reply {
              chat-cooldown = 0s
              rules = [ { name = greeting, keywords = ["hello"], reply = "Hi {sender}" } ]
            }
            """;

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger conversation = (Logger) LoggerFactory.getLogger("dev.webwxbot.conversation");
    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        lines.start();
        // The tests' configuration logs WARN and up; these INFO lines are captured here, not printed.
        conversation.setLevel(Level.DEBUG);
        conversation.setAdditive(false);
        conversation.addAppender(lines);
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(DIST_PLUGINS.resolve("plugin-echo.jar"), plugins.resolve("plugin-echo.jar"));
        Files.copy(DIST_PLUGINS.resolve("plugin-auto-reply.jar"), plugins.resolve("plugin-auto-reply.jar"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.close();
        emulator.close();
        conversation.detachAppender(lines);
        conversation.setAdditive(true);
        conversation.setLevel(null);
    }

    @Test
    void eachMessageInAndEachReplyOutIsOneInfoLineNamingThePluginThatAnsweredWithoutTheText() throws Exception {
        daemon = online(FAST_SENDS);

        alice.sendText("hello there");
        assertEquals("Hi Alice", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        awaitLine("account default: message in: text in 'Alice' from 'Alice' → answered by auto-reply");
        awaitLine("account default: reply out: text to 'Alice' by auto-reply → sent");

        alice.sendText("no rule for this");
        assertEquals("no rule for this", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        awaitLine("account default: message in: text in 'Alice' from 'Alice' → answered by echo");
        awaitLine("account default: reply out: text to 'Alice' by echo → sent");

        daemon.server().plugins().disable("echo");
        alice.sendText("nobody takes this");
        awaitLine("account default: message in: text in 'Alice' from 'Alice' → no plugin answered");

        List<String> info = info();
        assertTrue(info.stream().noneMatch(line -> line.contains("hello there") || line.contains("no rule for this")
                || line.contains("nobody takes this") || line.contains("Hi Alice")), "no text at INFO: " + info);
        assertTrue(info.stream().noneMatch(line -> line.contains("from 'me'")),
                "the server's echoes of the bot's own replies stay at DEBUG: " + info);
        // In then out, in the order the messages came.
        assertEquals(List.of("in auto-reply", "out auto-reply", "in echo", "out echo", "in none"),
                info.stream().map(ConversationLogEndToEndTest::shape).toList(), info.toString());
    }

    @Test
    void withMessageTextConfiguredTheLinesCarryTheTextCleanedOfTerminalControls() throws Exception {
        Contact mallory = account.addFriend("Mal\u001b]0;owned\u0007lory");
        daemon = online(FAST_SENDS + "webwx-bot.log.message-text = true\n");

        mallory.sendText("hello \u001b[2Jworld\nsecond line");
        account.awaitSentMessage(Duration.ofSeconds(15));
        awaitLine("account default: message in: text in 'Mal\uFFFD]0;owned\uFFFDlory' from 'Mal\uFFFD]0;owned\uFFFDlory':"
                + " \"hello \uFFFD[2Jworld↵second line\" → answered by auto-reply");
        awaitLine("account default: reply out: text to 'Mal\uFFFD]0;owned\uFFFDlory' by auto-reply:"
                + " \"Hi Mal\uFFFD]0;owned\uFFFDlory\" → sent");
        assertTrue(info().stream().noneMatch(line -> line.chars().anyMatch(c -> c < 0x20)), info().toString());
    }

    /** "in <plugin>" / "out <plugin>" / "in none": which kind of line, and who answered. */
    private static String shape(String line) {
        if (line.contains("reply out:")) return "out " + line.replaceAll(".* by (\\S+) → .*", "$1");
        return line.contains("no plugin answered") ? "in none" : "in " + line.replaceAll(".*answered by (\\S+).*", "$1");
    }

    private Daemon online(String configuration) throws Exception {
        Path configFile = Files.writeString(dir.resolve("application.conf"), configuration);
        LauncherSettings settings = LauncherSettings.load(Optional.of(configFile))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(dir.resolve("plugins"))
                .withDataDir(dir.resolve("data"));
        Daemon started = Daemon.start(settings, configFile, OperatorConfig.load(Optional.of(configFile)),
                new PrintWriter(new StringWriter(), true), QrTerminal.Colors.DARK);
        String uuid = emulator.awaitQrUuid(Duration.ofSeconds(20));
        account.phone().scan(uuid);
        account.phone().confirm();
        started.online().get(20, TimeUnit.SECONDS);
        return started;
    }

    private List<String> info() {
        synchronized (lines) {
            return lines.list.stream().filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void awaitLine(String expected) {
        Await.until(() -> info().contains(expected), () -> "the INFO line\n  " + expected + "\nbut:\n  "
                + String.join("\n  ", info()), Duration.ofSeconds(20));
    }
}
