package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contact cannot write to the operator's terminal or forge log lines: with the shipped {@code config/logback.xml}
 * in force (console on stderr and the rolling file), text the network controls reaches both appenders as bytes
 * without ESC, BEL, C1 controls, bidi overrides or a raw line break, and stays readable. The parser's warning about
 * a damaged message is driven end to end through the emulator; the other lines that quote server or contact
 * text are logged through their own loggers, as their format strings do, because cleaning happens in the
 * appenders' converters and not at any call site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLogTextEndToEndTest {

    /** Sets the window title, writes the clipboard (OSC 52), recolours, reverses the line, forges a line. */
    private static final String HOSTILE = "\u001b]0;pwned-title\u0007\u001b]52;c;cm0gLXJmIH4=\u0007"
            + "\u001b[31mRED\u001b[0m\u009b2J\u202eevil\u202c\u2066iso\u2069\u200f\u061c\ufeff\u007f\u2028"
            + "\r\n12:00:00 ERROR forged.Logger - all good\nsecond";
    private static final String FORGED = "12:00:00 ERROR forged.Logger - all good";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream stderr;
    private Path logFile;
    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;
    /** Closed after each test, once the lines it provoked on other threads have come. */
    private final List<CapturedLogs> captures = new java.util.ArrayList<>();

    @BeforeAll
    void productionLoggingAndAnOnlineSession(@TempDir Path dir) throws Exception {
        stderr = System.err;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        logFile = dir.resolve("logs").resolve("webwx-bot.log");
        configure(Path.of("../config/logback.xml").toUri().toURL(), dir.resolve("logs"));
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        login = PhoneLogin.messagesOnly(account);
        world.logIn(SessionOptions.defaults(), login);
    }

    @AfterEach
    void closeCaptures() {
        captures.forEach(CapturedLogs::close);
        captures.clear();
    }

    @AfterAll
    void backToTestLogging() throws Exception {
        if (world != null) world.close();
        configure(getClass().getResource("/logback-test.xml"), null);
        System.setErr(stderr);
    }

    @Test
    void aDamagedMessageIsWarnedAboutWithItsIdAndTypeCleanedAndStillHandedOn() throws Exception {
        // A MsgType that is no number is a damaged message: the warning quotes it and the MsgId, both texts the
        // network controls, and the message still reaches the plugins as an UnknownMessage with its raw fields.
        String raw = """
                {"MsgId": %s, "MsgType": %s, "CreateTime": 9223372036854775807,
                 "FromUserName": "@alice", "Content": "hello"}""".formatted(json(HOSTILE), json("1" + HOSTILE));
        // The warnings are this test's to read back from the production appenders; declared, the guard lets them be.
        CapturedLogs logs = CapturedLogs.attach()
                .expect(Level.WARN, "message .* has a MsgType that is not a number \\(.*\\); it is handed on as unknown")
                .allow(Level.WARN, "message .* \\(MsgType .*\\) could not be parsed and is handed on as unknown: .*");
        captures.add(logs);
        account.injectRawMessage(raw, alice);
        alice.sendText("after the broken one");
        UnknownMessage damaged = login.take(UnknownMessage.class);
        assertEquals("1" + HOSTILE, damaged.rawFields().get("MsgType"), "handed on with its raw fields");
        assertEquals("after the broken one", login.take(TextMessage.class).text(), "the session went on");

        String warning = awaitLine(this::fileText, "has a MsgType that is not a number");
        assertReadable(warning);
        assertTrue(warning.contains(" WARN "), warning);
        String shown = awaitLine(this::consoleText, "has a MsgType that is not a number");
        assertReadable(shown);
        assertClean(fileText());
        assertClean(consoleText());
    }

    @Test
    void everyLineThatQuotesTheServerOrAContactIsCleanedOnBothAppendersWithItsStackTrace() throws Exception {
        IllegalStateException failure = new IllegalStateException("server said " + HOSTILE,
                new java.io.IOException("cause: " + HOSTILE));
        failure.addSuppressed(new RuntimeException("suppressed: " + HOSTILE));
        List<String> lines = List.of(
                "dev.webwxbot.core.internal.session.SyncLoop",
                "dev.webwxbot.core.internal.session.SessionEngine",
                "dev.webwxbot.core.internal.send.OutgoingSender",
                "dev.webwxbot.core.internal.http.HttpTransport",
                "dev.webwxbot.core.internal.http.Exchange",
                "dev.webwxbot.core.internal.media.Downloader",
                "dev.webwxbot.core.chain.PluginChain",
                "dev.webwxbot.launcher.Daemon");
        captures.add(CapturedLogs.attach().expect(Level.WARN, "sending to .* failed \\(REJECTED\\): .*")
                .expect(Level.ERROR, "plugin '.*' failed on TextMessage: .*"));
        for (String name : lines) {
            Logger log = LoggerFactory.getLogger(name);
            log.warn("sending to {} failed ({}): {} [{}]", HOSTILE, "REJECTED", HOSTILE, name);
            log.error("plugin '{}' failed on {}: {} [{}]", HOSTILE, "TextMessage", failure.toString(), name, failure);
            log.info("login QR code: {} [{}]", HOSTILE, name);
        }

        String file = fileText();
        String shown = consoleText();
        for (String name : lines) {
            for (String text : List.of(file, shown)) {
                String warning = awaitLine(() -> text, "[" + name + "]");
                assertReadable(warning);
            }
        }
        assertTrue(file.lines().anyMatch(line -> line.contains("login QR code: ") && line.contains("pwned-title")),
                "INFO lines reach the file");
        for (String text : List.of(file, shown)) {
            assertClean(text);
            assertTrue(text.contains("java.lang.IllegalStateException: server said \uFFFD]0;pwned-title"), text);
            assertTrue(text.contains("Caused by: java.io.IOException: cause: \uFFFD]0;pwned-title"), text);
            assertTrue(text.contains("Suppressed: java.lang.RuntimeException: suppressed: \uFFFD]0;pwned-title"), text);
            assertTrue(text.lines().anyMatch(line -> line.startsWith("\tat dev.webwxbot.core.HostileLogText")),
                    "the trace keeps one frame a line");
        }
    }

    /** The hostile text's visible words are all on the one line, in order, with the line breaks shown as ↵. */
    private static void assertReadable(String line) {
        assertTrue(line.contains("pwned-title"), line);
        assertTrue(line.contains("[31mRED"), line);
        assertTrue(line.contains("evil"), line);
        assertTrue(line.contains("↵" + FORGED + "↵second"), line);
    }

    /** No byte a terminal acts on: no control character but the line ends (and tabs of stack frames), no bidi. */
    private static void assertClean(String written) {
        written.codePoints().forEach(cp -> {
            boolean control = Character.isISOControl(cp) && cp != '\n' && cp != '\t';
            boolean invisible = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
                    || cp == 0x200F || cp == 0x061C || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
            assertFalse(control || invisible, () -> "U+%04X written in:%n%s".formatted(cp, written));
        });
        assertFalse(written.lines().anyMatch(line -> line.startsWith(FORGED) || line.startsWith("second")),
                "a line was forged:\n" + written);
    }

    private String awaitLine(Supplier<String> written, String marker) {
        return Await.value(() -> written.get().lines().filter(l -> l.contains(marker)).findFirst(),
                () -> "a line with " + marker + " in:\n" + written.get(), WAIT);
    }

    private String fileText() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + logFile, e);
        }
    }

    private String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private void configure(URL file, Path logDir) throws Exception {
        logback.reset();
        if (logDir != null) logback.putProperty("WEBWX_LOG_DIR", logDir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logback);
        configurator.doConfigure(file);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> {
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) out.append("\\u%04x".formatted(c));
            else out.append((char) c);
        });
        return out.append('"').toString();
    }
}
