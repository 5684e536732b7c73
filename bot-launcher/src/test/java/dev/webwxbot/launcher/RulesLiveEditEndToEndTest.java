package dev.webwxbot.launcher;

import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
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

/**
 * The daemon of {@code run} with the real auto-reply jar against the emulator, its rules in {@code auto-reply.conf}
 * included from the watched configuration file, edited while the bot is online: a bad rule is skipped while the
 * others answer; an edit that cannot be used (a bad key outside the rules, a missing brace, an unknown key of the
 * bot's own) keeps the previous rules answering, and {@code webwx-bot plugins list} says so until a fixed edit.
 */
class RulesLiveEditEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path AUTO_REPLY_JAR = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"))
            .resolve("plugin-auto-reply.jar");
    private static final String APPLICATION = """
            webwx-bot.watch-quiet-period = 100ms
            plugins.auto-reply { include "auto-reply.conf" }
            """;

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Path data;
    private Path configFile;
    private Path rulesFile;
    private Daemon daemon;
    private CapturedLogs log;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        data = dir.resolve("data");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(AUTO_REPLY_JAR, plugins.resolve(AUTO_REPLY_JAR.getFileName()));
        configFile = Files.writeString(dir.resolve("application.conf"), APPLICATION);
        rulesFile = dir.resolve("auto-reply.conf");
        log = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.close();
        emulator.close();
        log.close();
    }

    @Test
    void aBadRuleIsSkippedWithOneWarningWhileTheOtherRulesAnswer() throws Exception {
        Files.writeString(rulesFile, """
                rules = [
                  { keyword = order, regex = "order \\\\d+", reply = "which order?" }
                  { keyword = hi, reply = "hello {sender}" }
                ]
                """);
        daemon = onlineDaemon();
        alice.sendText("hi there");
        assertEquals("hello Alice", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        String problem = rulesFile + ":2: rule 1: regex: conflicts with keyword; a rule matches by exactly one of"
                + " keyword, keywords, exact or regex";
        assertEquals(List.of("auto-reply: rule 1 (" + rulesFile + ":2) is skipped, the other rules are loaded: "
                + problem), log.at(Level.WARN));
        assertTrue(pluginsList().contains("auto-reply 0.1.0-SNAPSHOT: ACTIVE (1 invalid rule(s) skipped: " + problem + ")"),
                pluginsList());
    }

    @Test
    void aBrokenEditKeepsThePreviousRulesAndPluginsListSaysSoUntilAFixedEdit() throws Exception {
        Files.writeString(rulesFile, "rules = [ { keyword = hi, reply = \"first rules\" } ]\n");
        daemon = onlineDaemon();
        assertFalse(pluginsList().contains("running previous"), pluginsList());

        Files.writeString(rulesFile, "chat-cooldown = soon\nrules = [ { keyword = hi, reply = \"second rules\" } ]\n");
        Await.until(() -> pluginsList().contains("ACTIVE (running previous rules: " + rulesFile + ":1:"
                + " plugins.auto-reply.chat-cooldown: "), "plugins list shows the previous rules running", WAIT);
        alice.sendText("hi");
        assertEquals("first rules", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        assertEquals(1, log.at(Level.ERROR).size(), log.at(Level.ERROR).toString());
        assertTrue(log.at(Level.ERROR).getFirst().startsWith("auto-reply: the edited rules are not used; the"
                + " previous 1 rule(s) keep running: " + rulesFile + ":1: plugins.auto-reply.chat-cooldown"),
                log.at(Level.ERROR).getFirst());

        Files.writeString(rulesFile, "rules = [ { keyword = hi, reply = \"fixed rules\" } ]\n");
        Await.until(() -> !pluginsList().contains("running previous"), "a fixed edit clears the warning", WAIT);
        alice.sendText("hi");
        assertEquals("fixed rules", account.awaitSentMessage(Duration.ofSeconds(15)).content());
    }

    @Test
    void anEditThatDoesNotParseOrHasAnUnknownBotKeyKeepsThePreviousConfigurationAndSaysWhy() throws Exception {
        Files.writeString(rulesFile, "rules = [ { keyword = hi, reply = \"first rules\" } ]\n");
        daemon = onlineDaemon();

        Files.writeString(rulesFile, "rules = [\n  { keyword = hi, reply = \"second rules\"\n]\n");
        String brace = rulesFile + ":3: ']' cannot close the '{' opened on line 2: a '}' is missing before it";
        Await.until(() -> pluginsList().contains("ACTIVE (running the previous configuration: " + brace + ")"),
                "plugins list names the missing brace", WAIT);
        alice.sendText("hi");
        assertEquals("first rules", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        // The bad key first: whichever of the two edits a reload sees, the configuration stays refused.
        Files.writeString(configFile, APPLICATION + "webwx-bot.sever = \"http://127.0.0.1:1\"\n");
        Files.writeString(rulesFile, "rules = [ { keyword = hi, reply = \"second rules\" } ]\n");
        String key = configFile + ":3: webwx-bot.sever: unknown key; did you mean server?";
        Await.until(() -> pluginsList().contains("running the previous configuration: " + key + ")"),
                "plugins list names the unknown key", WAIT);
        alice.sendText("hi");
        assertEquals("first rules", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        Files.writeString(configFile, APPLICATION);
        Await.until(() -> !pluginsList().contains("running the previous configuration"), "a good edit clears it",
                WAIT);
        alice.sendText("hi");
        assertEquals("second rules", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        List<String> errors = log.at(Level.ERROR);
        assertTrue(errors.size() >= 2 && errors.stream().allMatch(e -> e.startsWith("configuration " + configFile
                + " changed but is not valid; the previous configuration keeps running: invalid configuration:")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains(brace)) && errors.stream().anyMatch(e -> e.contains(key)),
                errors.toString());
    }

    private Daemon onlineDaemon() throws Exception {
        LauncherSettings settings = LauncherSettings.load(Optional.of(configFile))
                .withServer(URI.create(emulator.baseUrl())).withPluginsDir(dir.resolve("plugins")).withDataDir(data);
        Daemon started = Daemon.start(settings, configFile, OperatorConfig.load(Optional.of(configFile)),
                new PrintWriter(new StringWriter(), true));
        account.phone().scan(emulator.awaitQrUuid(Duration.ofSeconds(20)));
        account.phone().confirm();
        started.online().get(20, TimeUnit.SECONDS);
        return started;
    }

    /** What {@code webwx-bot plugins list} prints for the daemon of this data folder. */
    private String pluginsList() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("plugins", "list", "--data-dir", data.toString(), "--config", configFile.toString());
        assertEquals(0, code, out.toString());
        return out.toString();
    }
}
