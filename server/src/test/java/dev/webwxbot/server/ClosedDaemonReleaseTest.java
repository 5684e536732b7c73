package dev.webwxbot.server;


import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.testsupport.Await;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed daemon can be collected: Helidon 4.5 keeps a stopped web server reachable from its idle-connection timer
 * (helidon-io/helidon#11939), and the API detaches its handlers on close so that server no longer holds the
 * accounts, their sessions and the client (found by the idle-accounts benchmark).
 */
class ClosedDaemonReleaseTest {

    @TempDir
    Path dir;

    @Test
    void aClosedDaemonWithTheApiIsNotKeptAliveByTheStoppedWebServer() throws Exception {
        try (Emulator emulator = DaemonFixture.emulator()) {
            emulator.addAccount("One");
            WeakReference<Accounts> accounts = startAndClose(new DaemonFixture(emulator, dir));
            Await.until(() -> {
                System.gc();
                return accounts.get() == null;
            }, "the closed daemon's accounts collected (nothing keeps them reachable)");
        }
    }

    private WeakReference<Accounts> startAndClose(DaemonFixture daemons) throws Exception {
        BotServer server = daemons.start(dir.resolve("data"), "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.awaitField(api, "one", "qrUrl"); // the API has served requests
        WeakReference<Accounts> accounts = new WeakReference<>(server.accounts());
        server.close();
        return accounts;
    }
}
