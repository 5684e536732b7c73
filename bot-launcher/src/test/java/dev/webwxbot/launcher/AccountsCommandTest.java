package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot accounts ...} against a fake of the daemon's API: what it asks, and what it prints. */
class AccountsCommandTest {

    private static final String ALICE = """
            {"id":"alice","state":"ONLINE","self":{"id":"@abc","name":"Bot"},"qrUrl":null,"contacts":123}""";
    private static final String WAITING = """
            {"id":"bob","state":"WAITING_FOR_SCAN","self":null,
             "qrUrl":"https://login.weixin.qq.com/l/QaBc12==","contacts":0}""";
    private static final String LOGGED_OUT = """
            {"id":"carol","state":"LOGGED_OUT","reason":"LOGGED_OUT_ON_PHONE","self":{"id":"@c","name":"Carol"},
             "qrUrl":null,"contacts":0}""";

    @TempDir
    Path dataDir;

    private FakeDaemonApi daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = new FakeDaemonApi().announceIn(dataDir);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private ApiCommandRun accounts(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "accounts";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        return ApiCommandRun.of(all);
    }

    @Test
    void listPrintsOneLinePerAccountWithTheTokenOfTheDataFolder() {
        daemon.answer("GET /api/v1/accounts", 200, "{\"accounts\":[" + ALICE + "," + WAITING + "]}");

        ApiCommandRun run = accounts("list");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("alice  ONLINE            Bot (123 contacts)", "bob    WAITING_FOR_SCAN"),
                run.out().lines().toList());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals("/api/v1/accounts", request.path());
        assertEquals("Bearer " + FakeDaemonApi.TOKEN, request.header("Authorization"));
    }

    @Test
    void accountsWithoutSubcommandLists() {
        daemon.answer("GET /api/v1/accounts", 200, "{\"accounts\":[" + ALICE + "]}");

        ApiCommandRun run = ApiCommandRun.of("accounts", "--data-dir", dataDir.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("alice  ONLINE  Bot (123 contacts)\n", run.out());
    }

    @Test
    void optionsBeforeTheSubcommandCountToo() {
        daemon.answer("GET /api/v1/accounts", 200, "{\"accounts\":[]}");

        ApiCommandRun run = ApiCommandRun.of("accounts", "--data-dir", dataDir.toString(), "list");

        assertEquals(0, run.exit(), run.err());
        assertEquals("no accounts\n", run.out());
    }

    @Test
    void theWatchdogsLatestStepIsShownAfterTheAccount() {
        daemon.answer("GET /api/v1/accounts/alice", 200, """
                {"id":"alice","state":"ONLINE","reason":null,"detail":null,"self":{"id":"@a","name":"Alice"},
                 "qrUrl":null,"contacts":3,"watchdog":{"type":"safety.session-recovery","step":"PROBE_LOST",
                 "explanation":"the probe did not come back","time":"2026-01-05T10:36:00Z"}}
                """);
        daemon.answer("GET /api/v1/accounts/bob", 200, """
                {"id":"bob","state":"ONLINE","reason":null,"detail":null,"self":{"id":"@b","name":"Bob"},
                 "qrUrl":null,"contacts":3,"watchdog":{"type":"safety.session-stalled","symptom":"SYNC_KEY_FROZEN",
                 "lastDelivery":"2026-01-05T10:00:00Z","explanation":"…","time":"2026-01-05T10:35:00Z"}}
                """);

        assertEquals("alice  ONLINE  Alice (3 contacts)  watchdog: PROBE_LOST\n", accounts("show", "alice").out());
        assertEquals("bob  ONLINE  Bob (3 contacts)  watchdog: stalled (SYNC_KEY_FROZEN)\n",
                accounts("show", "bob").out());
    }

    @Test
    void aLoggedOutAccountShowsWhy() {
        daemon.answer("GET /api/v1/accounts/carol", 200, LOGGED_OUT);

        ApiCommandRun run = accounts("show", "carol");

        assertEquals(0, run.exit(), run.err());
        assertEquals("carol  LOGGED_OUT (LOGGED_OUT_ON_PHONE)  Carol (0 contacts)\n", run.out());
    }

    @Test
    void aLoginTheGuardHeldBackShowsWhyAndHowToResetIt() {
        daemon.answer("GET /api/v1/accounts/carol", 200, "{\"id\":\"carol\",\"state\":\"LOGGED_OUT\","
                + "\"reason\":\"LOGIN_HELD\",\"detail\":\"Login stopped by the login guard: ... then: webwx-bot"
                + " login-guard reset --account carol\\u001b[2J.\",\"self\":null,\"qrUrl\":null,\"contacts\":0}");

        ApiCommandRun run = accounts("show", "carol");

        assertEquals(0, run.exit(), run.err());
        assertEquals("carol  LOGGED_OUT (LOGIN_HELD)\nLogin stopped by the login guard: ... then: webwx-bot login-guard"
                + " reset --account carol" + dev.webwxbot.safeoutput.TerminalText.clean("\u001b[2J") + ".\n", run.out());
    }

    @Test
    void addPostsTheIdAsJson() throws IOException {
        daemon.answer("POST /api/v1/accounts", 201,
                "{\"id\":\"dave\",\"state\":\"STOPPED\",\"self\":null,\"qrUrl\":null,\"contacts\":0}");

        ApiCommandRun run = accounts("add", "dave");

        assertEquals(0, run.exit(), run.err());
        assertEquals("dave  STOPPED\n", run.out());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        assertEquals("POST /api/v1/accounts", request.method() + " " + request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(new ObjectMapper().readTree("{\"id\":\"dave\"}"), new ObjectMapper().readTree(request.body()));
    }

    @Test
    void addRefusesAnIdTheDaemonWouldRefuseWithoutAskingIt() {
        ApiCommandRun run = accounts("add", "Dave!");

        assertEquals(Main.CONFIGURATION_ERROR, run.exit());
        assertTrue(run.err().contains("'Dave!' is not"), run.err());
        assertEquals(List.of(), daemon.requests());
    }

    @Test
    void removeDeletesTheAccount() {
        daemon.answer("DELETE /api/v1/accounts/alice", new FakeDaemonApi.Answer(204, null, new byte[0]));

        ApiCommandRun run = accounts("remove", "alice");

        assertEquals(0, run.exit(), run.err());
        assertEquals("removed alice (its folder is kept)\n", run.out());
        assertEquals("DELETE", daemon.onlyRequest().method());
    }

    @Test
    void loginPostsAndPointsAtTheQrCode() {
        daemon.answer("POST /api/v1/accounts/bob/login", 202, WAITING);

        ApiCommandRun run = accounts("login", "bob");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("bob  WAITING_FOR_SCAN", "scan the login QR code: webwx-bot accounts qr bob"),
                run.out().lines().toList());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        assertEquals("POST /api/v1/accounts/bob/login", request.method() + " " + request.path());
        assertEquals(0, request.body().length);
    }

    @Test
    void logoutPostsAndPrintsTheAccount() {
        daemon.answer("POST /api/v1/accounts/carol/logout", 202, LOGGED_OUT.replace("LOGGED_OUT_ON_PHONE", "LOGGED_OUT_BY_CLIENT"));

        ApiCommandRun run = accounts("logout", "carol");

        assertEquals(0, run.exit(), run.err());
        assertEquals("carol  LOGGED_OUT (LOGGED_OUT_BY_CLIENT)  Carol (0 contacts)\n", run.out());
    }

    @Test
    void qrWithOutSavesThePngOwnerOnly() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        daemon.answer("GET /api/v1/accounts/bob/qr", new FakeDaemonApi.Answer(200, "image/png", png));
        Path file = dataDir.resolve("out/qr.png");

        ApiCommandRun run = accounts("qr", "bob", "--out", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertArrayEquals(png, Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(run.out().contains("saved the login QR code of bob"), run.out());
    }

    @Test
    void qrDrawsTheWaitingLoginInTheTerminal() {
        daemon.answer("GET /api/v1/accounts/bob", 200, WAITING);

        ApiCommandRun run = accounts("qr", "bob");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith(QrTerminal.render("https://login.weixin.qq.com/l/QaBc12==").stripTrailing()),
                run.out());
    }

    @Test
    void qrWithoutAWaitingLoginSaysHowToStartOne() {
        daemon.answer("GET /api/v1/accounts/alice", 200, ALICE);

        ApiCommandRun run = accounts("qr", "alice");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no login of alice waits for a scan (start one with webwx-bot accounts login alice)"),
                run.err());
    }

    @Test
    void aProblemAnswerPrintsItsReasonAndDetail() {
        daemon.answer("GET /api/v1/accounts/zed", 404, """
                {"type":"about:blank","title":"Not Found","status":404,"reason":"NOT_FOUND","detail":"no account 'zed'"}""");

        ApiCommandRun run = accounts("show", "zed");

        assertEquals(1, run.exit());
        assertEquals("webwx-bot: NOT_FOUND: no account 'zed'\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aRefusedTokenNamesTheFileItCameFrom() throws IOException {
        Files.writeString(dataDir.resolve("api-token"), "stale-token");

        ApiCommandRun run = accounts("list");

        assertEquals(1, run.exit());
        assertEquals("webwx-bot: the token in " + dataDir.resolve("api-token").toAbsolutePath() + " was refused\n",
                run.err());
        assertFalse(run.err().contains("stale-token"), "the token itself is never printed");
    }

    @Test
    void apiAndTokenFileOptionsOverrideTheDataFolder() throws IOException {
        daemon.answer("GET /api/v1/accounts", 200, "{\"accounts\":[]}");
        Path elsewhere = dataDir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Path token = Files.writeString(dataDir.resolve("my-token"), FakeDaemonApi.TOKEN);

        ApiCommandRun run = ApiCommandRun.of("accounts", "list", "--data-dir", elsewhere.toString(),
                "--api", daemon.url(), "--token-file", token.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, daemon.requests().size());
    }

    @Test
    void withoutADaemonItSaysSoPlainly() throws IOException {
        Files.delete(dataDir.resolve("api.json"));

        ApiCommandRun run = accounts("list");

        assertEquals(1, run.exit());
        assertEquals("webwx-bot: no daemon is serving the API for " + dataDir.toAbsolutePath()
                + " (start it with webwx-bot run and api.enabled = true)\n", run.err());
    }

    @Test
    void anAddressLeftBehindByADeadDaemonIsNoDaemonEither() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(dataDir.resolve("api.json"), "{\"url\":\"http://127.0.0.1:" + port + "\"}");

        ApiCommandRun run = accounts("list");

        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("webwx-bot: no daemon is serving the API for " + dataDir.toAbsolutePath()),
                run.err());
    }

    @Test
    void namesFromTheNetworkCannotSteerTheTerminal() {
        daemon.answer("GET /api/v1/accounts", 200, "{\"accounts\":[" + ALICE.replace("\"Bot\"", "\"B\\u001b[2Jot\"") + "]}");

        ApiCommandRun run = accounts("list");

        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("\u001b"), run.out());
        assertTrue(run.out().contains("B\uFFFD[2Jot"), run.out());
    }
}
