package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.CapturedLogs;
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

/**
 * Emulator, core and the auto-reply plugin's real jar, loaded by PF4J, talking over loopback sockets. Neither the
 * plugin nor RE2/J is on the test class path, so the rules run inside the jar with the RE2/J it bundles.
 * The rules come the operator's way: a {@code plugins.auto-reply} block in the configuration file, which the
 * plugin host merges over the jar's {@code reference.conf} and hands to the plugin.
 */
class AutoReplyPluginEndToEndTest {

    private static final Path DIST_PLUGINS = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"));
    private static final String JAR = "plugin-auto-reply.jar";
    private static final String RULES = """
            plugins.auto-reply.rules = [
              { name = order, scope = [friends], regex = "order\\\\s*(?P<number>\\\\d+)",
                reply = "Hi {sender}, order {number} ships today." }
              { name = help, scope = [groups], exact = "help", reply = "{sender} asked for help in {group}." }
            ]
            """;

    @TempDir
    Path plugins;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Contact carol;
    private Contact team;

    @BeforeEach
    void startEmulator() throws Exception {
        // Only this plugin, so no other handler of the chain can be the one that answered.
        Files.copy(DIST_PLUGINS.resolve(JAR), plugins.resolve(JAR));
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        carol = account.addStranger("Carol");
        team = account.addGroup("Team", alice, carol);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void neitherThePluginNorRe2jIsOnTheClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("dev.webwxbot.plugins.autoreply.AutoReplyHandler"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.google.re2j.Pattern"));
        assertTrue(Files.isRegularFile(DIST_PLUGINS.resolve(JAR)), "missing " + DIST_PLUGINS.toAbsolutePath());
    }

    @Test
    void friendsMessageIsAnsweredByARegexRuleWithItsCapture() throws Exception {
        try (BotRunner runner = startBot()) {
            alice.sendText("where is my order 42?");
            SentMessage reply = account.awaitSentMessage(Duration.ofSeconds(10));
            assertEquals(alice.userName(), reply.toUserName());
            assertEquals(1, reply.type());
            assertEquals("Hi Alice, order 42 ships today.", reply.content());
        }
    }

    @Test
    void groupMessageIsAnsweredOnlyWhenItMentionsTheBot() throws Exception {
        try (BotRunner runner = startBot()) {
            carol.sendTextIn(team, "help");
            carol.sendTextIn(team, "@Bot\u2005help");
            SentMessage reply = account.awaitSentMessage(Duration.ofSeconds(10));
            assertEquals(team.userName(), reply.toUserName());
            assertEquals("Carol asked for help in Team.", reply.content());
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(Duration.ofMillis(800)),
                    "the message without a mention got no answer");
        }
    }

    @Test
    void myOwnMessageFromThePhoneIsNotAnswered() throws Exception {
        try (BotRunner runner = startBot()) {
            account.phone().sendText(alice, "order 1 from my phone");
            alice.sendText("order 2");
            assertEquals("Hi Alice, order 2 ships today.", account.awaitSentMessage(Duration.ofSeconds(10)).content());
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(Duration.ofMillis(800)));
        }
    }

    @Test
    void withRejectAllABadRuleKeepsThePluginOutNamingEveryProblemWithItsRuleNumber() throws Exception {
        String config = """
                plugins.auto-reply {
                  on-invalid-rule = reject-all
                  rules = [
                    { name = order, regex = "order\\\\s*(?P<number>\\\\d+)", reply = "order {number}" }
                    { regex = "(", reply = x }
                    { keyword = a }
                  ]
                }
                """;
        try (CapturedLogs logs = CapturedLogs.attach();
             BotRunner runner = startBot(config)) {
            PluginStatus status = runner.plugins().list().getFirst();
            assertEquals(PluginStatus.State.MISCONFIGURED, status.state());
            assertTrue(status.reason().startsWith("invalid configuration: plugins.auto-reply: on-invalid-rule ="
                    + " reject-all and 2 rule(s) are"
                    + " not valid: 2 problems:"), status.reason());
            assertTrue(status.reason().contains("application.conf:5: rule 2: regex: not a valid regular expression"),
                    status.reason());
            assertTrue(status.reason().contains("application.conf:6: rule 3: reply: is required"), status.reason());
            assertEquals(List.of("plugin 'auto-reply' disabled: " + status.reason()),
                    logs.at(Level.ERROR));
            alice.sendText("order 3");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(Duration.ofMillis(800)));
        }
    }

    private BotRunner startBot() throws Exception {
        return startBot(RULES);
    }

    private BotRunner startBot(String operatorConfig) throws Exception {
        Path file = plugins.resolveSibling(plugins.getFileName() + "-application.conf");
        Files.writeString(file, operatorConfig);
        LauncherSettings settings = LauncherSettings.load(Optional.of(file))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(plugins);
        BotRunner runner = new BotRunner(settings, OperatorConfig.load(Optional.of(file)), false, progress -> {
            if (progress instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
            if (progress instanceof LoginProgress.Scanned) Thread.startVirtualThread(() -> account.phone().confirm());
        });
        runner.start().get(20, TimeUnit.SECONDS);
        return runner;
    }
}
