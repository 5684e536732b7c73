package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bot per data folder: the lock names its holder, a second {@code run} (or {@code chat}) on a held folder gets
 * one line and exit code 4 before it touches anything, and the folder is free again once the holder lets go.
 * (Two processes: {@code RunProcessIT}.)
 */
class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldFolderIsRefusedNamingTheHoldersPidCommandAndHowToStopIt() throws Exception {
        Path data = dir.resolve("data");
        long pid = ProcessHandle.current().pid();
        DataDirLock held = DataDirLock.acquire(data, "run");
        try {
            DataDirLock.InUseException refused = assertThrows(DataDirLock.InUseException.class,
                    () -> DataDirLock.acquire(data, "chat"));
            String message = refused.getMessage();
            assertTrue(message.contains(data.toAbsolutePath().normalize().toString()), message);
            assertTrue(message.contains("pid " + pid + ", 'run' since "), message);
            assertTrue(message.contains("kill " + pid) && message.contains("--data-dir"), message);
        } finally {
            held.close();
        }
        DataDirLock.acquire(data, "run").close(); // released: free again
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve(DataDirLock.FILE))), "it names a process of the owner's: the owner's alone");
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsAMistakeInTheOptionsInOneLine() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "");
        Path config = Files.writeString(dir.resolve("bot.conf"), "");
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute("run", "--data-dir", notAFolder.resolve("data").toString(), "--config", config.toString());
        assertEquals(Main.CONFIGURATION_ERROR, code, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("webwx-bot: cannot use the data folder "), err.toString());
    }

    @Test
    void runOnAHeldFolderPrintsOneLineAndExitsWithFourBeforeTouchingIt() throws Exception {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("bot.conf"), "");
        DataDirLock held = DataDirLock.acquire(data, "run");
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("run", "--data-dir", data.toString(), "--config", config.toString(),
                            "--server", "http://127.0.0.1:9");

            assertEquals(Main.DATA_DIR_IN_USE, code, err.toString());
            assertEquals(1, err.toString().lines().count(), "one line, no stack trace: " + err);
            assertTrue(err.toString().startsWith("webwx-bot: the data folder "), err.toString());
            assertEquals("", out.toString());
        } finally {
            held.close();
        }
        try (var left = Files.list(data)) {
            assertEquals(java.util.List.of(data.resolve(DataDirLock.FILE)), left.toList(),
                    "no session, log or socket was started");
        }
        assertFalse(Files.exists(data.resolve("logs")));
    }
}
