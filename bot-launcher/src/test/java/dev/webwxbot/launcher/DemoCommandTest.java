package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code webwx-bot demo} as a user runs it, in process: the auto-reply plugin configured by the repository's
 * {@code config/demo.conf} must answer every scripted message, and the conversation must be printed; the QR code
 * it shows is drawn, and the user told that the emulated phone scans it.
 */
class DemoCommandTest {

    @Test
    void demoPrintsTheConversationIncludingTheAutoReplyPluginsAnswersAndDrawsItsQrCode() throws Exception {
        String plugins = System.getProperty("webwx.test.plugins", "target/dist/plugins");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = Main.commandLine().execute("demo", "--once", "--plugins-dir", plugins, "--config", "../config/demo.conf");
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.contains("[login] online as webwx-bot"), output);
        assertTrue(output.contains("Alice → webwx-bot: Hello, bot! 👋"), output);
        assertTrue(output.contains("webwx-bot → Alice: Hello Alice! I am the auto-reply plugin."), output);
        assertTrue(output.contains("webwx-bot → Bob: Order 42 is on its way, Bob."), output);
        assertTrue(output.contains("webwx-bot → Weekend hikers: I answer: hello, time, order <number>."), output);
        assertTrue(output.contains("webwx-bot → Bob: It is "), output);
        assertTrue(output.contains("[demo] the bot answered every message"), output);
        assertDrawsTheQrCodeItShowsAndSaysTheEmulatedPhoneScansIt(output);
    }

    private static void assertDrawsTheQrCodeItShowsAndSaysTheEmulatedPhoneScansIt(String output) throws Exception {
        String shown = output.lines().filter(line -> line.startsWith("[login] scan this QR code")).findFirst()
                .orElseThrow(() -> new AssertionError(output));
        String url = shown.substring(shown.indexOf('(') + 1, shown.lastIndexOf(')'));
        // The drawing follows that line, for a dark terminal (standard output is not a terminal here).
        String drawing = output.lines().dropWhile(line -> !line.equals(shown)).skip(1)
                .takeWhile(line -> !line.startsWith("[")).collect(Collectors.joining("\n", "", "\n"));
        assertEquals(url, QrTerminalTest.decode(drawing, false));
        assertTrue(output.contains("[demo] no need to scan it: this QR code is the emulator's, and its emulated phone"
                + " scans it by itself"), output);
    }
}
