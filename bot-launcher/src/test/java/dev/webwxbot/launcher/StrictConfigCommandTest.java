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

/** {@code run} refuses a configuration with mistakes before it touches anything, naming each with file and line. */
class StrictConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path config) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("run", "--config", config.toString(), "--data-dir", dir.resolve("data").toString());
    }

    @Test
    void runRefusesAnUnknownKeyNamingFileLineAndTheKeyMeantWithExitCodeTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("application.conf"), """
                webwx-bot {
                  sever = "http://127.0.0.1:8080"
                  send { min-gapp = 2s }
                }
                """);
        assertEquals(Main.CONFIGURATION_ERROR, run(config));
        assertEquals("webwx-bot: invalid configuration: 2 problem(s)\n"
                + "  " + config + ":2: webwx-bot.sever: unknown key; did you mean server?\n"
                + "  " + config + ":3: webwx-bot.send.min-gapp: unknown key; did you mean min-gap?\n", err.toString());
        assertEquals("", out.toString());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was started, not even the data folder");
    }

    @Test
    void runRefusesAMissingBraceInAnIncludedRulesFileSayingWhichBraceIsMissing() throws Exception {
        Path rules = Files.writeString(dir.resolve("auto-reply.conf"), """
                rules = [
                  { keyword = hi, reply = hello
                  { keyword = bye, reply = "see you" }
                ]
                """);
        Path config = Files.writeString(dir.resolve("application.conf"),
                "plugins.auto-reply { include \"auto-reply.conf\" }\n");
        assertEquals(Main.CONFIGURATION_ERROR, run(config));
        assertEquals("webwx-bot: invalid configuration: 1 problem(s)\n"
                + "  " + rules + ":4: ']' cannot close the '{' opened on line 2: a '}' is missing before it\n",
                err.toString());
    }

    @Test
    void pluginsStillLooksForTheRunningBotWhileTheFileHasMistakesAndNamesThem() throws Exception {
        Path data = dir.resolve("bot-data");
        Path config = Files.writeString(dir.resolve("application.conf"),
                "webwx-bot {\n  data-dir = \"" + data + "\"\n  sever = x\n}\n");
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("plugins", "list", "--config", config.toString());
        assertEquals(PluginsCommand.NOT_RUNNING, code, err.toString());
        assertTrue(err.toString().startsWith("webwx-bot: note: invalid configuration: 1 problem(s)\n"
                + "    " + config + ":3: webwx-bot.sever: unknown key; did you mean server?\n"
                + "  (a running bot refused these and keeps its previous configuration)\n"), err.toString());
        assertTrue(err.toString().contains("no running bot found: " + data.toAbsolutePath().resolve(ControlServer.SOCKET_FILE)),
                "it looked in the data folder the file names: " + err);
    }
}
