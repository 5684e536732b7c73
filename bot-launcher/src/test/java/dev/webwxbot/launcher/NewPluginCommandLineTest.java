package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot new-plugin}'s mistakes as the command line reports them: one plain line, exit code 2, nothing written. */
class NewPluginCommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBadNameIsOnePlainLineAndNothingIsWritten() {
        Path project = dir.resolve("p");
        assertEquals(Main.CONFIGURATION_ERROR, run("new-plugin", "My Plugin", "--dir", project.toString()));
        assertEquals("webwx-bot: 'My Plugin' is not a valid plugin name: it contains a space. A plugin name is lower-case"
                + " letters, digits and single hyphens, starting with a letter (e.g. ping, weather-report); it is also the"
                + " plugin's configuration block plugins.<name>.\n", err.toString());
        assertFalse(Files.exists(project));
        assertEquals("", out.toString());
    }

    @Test
    void aFolderWithFilesInItIsNotTouched() throws Exception {
        Path project = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        assertEquals(Main.CONFIGURATION_ERROR, run("new-plugin", "ping", "--dir", project.toString()));
        assertEquals("webwx-bot: the folder " + project + " already exists and is not empty; give another one with"
                + " --dir DIR, or remove it\n", err.toString());
        try (var entries = Files.list(project)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("ping-plugin"), "");
        assertEquals(Main.CONFIGURATION_ERROR, run("new-plugin", "ping", "--dir", file.toString()));
        assertTrue(err.toString().contains(file + " already exists and is a file, not a folder"), err.toString());
    }

    @Test
    void aMissingNameIsAUsageError() {
        assertEquals(2, run("new-plugin"));
        assertTrue(err.toString().startsWith("Missing required parameter: 'NAME'"), err.toString());
    }

    @Test
    void theHelpListsThePluginAuthorsCommands() {
        run("--help");
        assertTrue(out.toString().contains("new-plugin"), out.toString());
        assertTrue(out.toString().contains("install-api"), out.toString());
        assertTrue(out.toString().contains("mvn"), out.toString());
    }

    private int run(String... args) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
