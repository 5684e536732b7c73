package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code webwx-bot demo} as a user runs it, in process: it must print the conversation with the bot's replies. */
class DemoCommandTest {

    @Test
    void demoPrintsTheConversationIncludingTheEchoPluginsReplies() {
        String plugins = System.getProperty("webwx.test.plugins", "target/dist/plugins");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = Main.commandLine().execute("demo", "--plugins-dir", plugins);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.contains("[login] online as webwx-bot"), output);
        assertTrue(output.contains("Alice → webwx-bot: Hello, bot! 👋"), output);
        assertTrue(output.contains("webwx-bot → Alice: Hello, bot! 👋"), output);
        assertTrue(output.contains("webwx-bot → Bob: 你好, are you there?↵second line & <tags>"), output);
        assertTrue(output.contains("[demo] done: the bot answered every message"), output);
    }
}
