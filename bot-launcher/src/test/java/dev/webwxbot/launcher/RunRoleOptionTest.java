package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --role}: a role it does not know, or a gateway or worker without a cluster, is one line, exit 2. */
class RunRoleOptionTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void anUnknownRoleIsRefusedBeforeAnythingStarts() {
        assertEquals(Main.CONFIGURATION_ERROR, run("run", "--role", "sideways", "--data-dir", dir.resolve("data").toString()));
        assertEquals("webwx-bot: no role 'sideways': gateway, worker or both\n", err.toString());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was started, not even the data folder");
    }

    @Test
    void aWorkerWithoutAClusterIsRefusedSayingWhatToConfigure() throws Exception {
        Path config = Files.writeString(dir.resolve("application.conf"), "webwx-bot.api.enabled = false\n");
        assertEquals(Main.CONFIGURATION_ERROR, run("run", "--role", "worker", "--config", config.toString(),
                "--data-dir", dir.resolve("data").toString(), "--plugins-dir", dir.toString()));
        assertEquals("webwx-bot: --role worker needs a cluster: set webwx-bot.cluster { redis = \"redis://host:6379\","
                + " node = \"…\" } (docs/cluster.md)\n", err.toString());
    }
}
