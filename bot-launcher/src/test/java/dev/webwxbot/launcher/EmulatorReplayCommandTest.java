package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webwx-bot emulator --replay FILE} refuses what is not a recording before starting anything. */
class EmulatorReplayCommandTest {

    @Test
    void aFileThatIsNotARecordingIsRefusedWithItsLineAndNothingStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            exit = commandLine.execute("emulator", "--port", "0", "--replay", file.toString(), "--exit-when-done");
        } finally {
            System.setOut(original);
        }
        assertEquals(Main.CONFIGURATION_ERROR, exit, out + err.toString());
        assertTrue(err.toString().contains("notes.txt:1: not a webwx-bot recording"), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty(), "nothing started: " + out);
    }
}
