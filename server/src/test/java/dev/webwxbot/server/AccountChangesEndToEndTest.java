package dev.webwxbot.server;

import com.typesafe.config.Config;
import ch.qos.logback.classic.Level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts come and go while the daemon runs: a configuration reload starts new ones and stops removed ones
 * (leaving the others' sessions alone), and accounts added through the API survive a restart until removed.
 */
class AccountChangesEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private DaemonFixture daemons;
    private BotServer server;

    @BeforeEach
    void start() {
        emulator = DaemonFixture.emulator();
        daemons = new DaemonFixture(emulator, dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void aReloadStartsAddedAccountsStopsRemovedOnesAndLeavesTheOthersOnline() throws Exception {
        Account one = emulator.addAccount("One");
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(data);
        DaemonFixture.logIn(api, "one", one);

        server.reconfigure(config("webwx-bot.accounts { one {}, two {} }"));
        assertEquals(List.of("one", "two"), ids(api));
        DaemonFixture.awaitField(api, "two", "qrUrl");
        assertEquals("ONLINE", api.json(api.get("/api/v1/accounts/one")).get("state").asText(), "one keeps its session");

        server.reconfigure(config("webwx-bot.accounts { two {} }"));
        assertEquals(List.of("two"), ids(api));
        assertEquals(404, api.get("/api/v1/accounts/one").statusCode());
        assertTrue(Files.isRegularFile(data.resolve("accounts/one/session.json")), "a removed account's folder stays");
    }

    @Test
    void anInvalidReloadChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(data);
        for (String bad : List.of("webwx-bot.accounts { \"Bad Id\" {} }", "webwx-bot.accounts { two { colour = red } }")) {
            IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> server.reconfigure(config(bad)));
            assertTrue(error.getMessage().contains("webwx-bot.accounts") || error.getMessage().contains("account id"),
                    error.getMessage());
        }
        assertEquals(List.of("one"), ids(api));
    }

    @Test
    void anAccountAddedThroughTheApiIsThereAfterARestartUntilRemoved() throws Exception {
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(data);
        HttpResponse<String> added = api.post("/api/v1/accounts",
                "{\"id\":\"carol\",\"config\":{\"send\":{\"global-per-minute\":12}}}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals("/api/v1/accounts/carol", added.headers().firstValue("Location").orElseThrow());
        assertEquals(12.0, server.accounts().get("carol").orElseThrow().config().sendLimits().globalPerMinute());

        server.close();
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        api = ApiCalls.from(data);
        assertEquals(List.of("one", "carol"), ids(api));
        assertEquals(12.0, server.accounts().get("carol").orElseThrow().config().sendLimits().globalPerMinute());

        assertEquals(204, api.delete("/api/v1/accounts/carol").statusCode());
        server.close();
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        assertEquals(List.of("one"), ids(ApiCalls.from(data)));
    }

    @Test
    void anAccountWhoseSyncFailsIsReconnectingUntilItWorksAgainAndTheMetricsCountIt() throws Exception {
        Account one = emulator.addAccount("One");
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(data);
        DaemonFixture.logIn(api, "one", one);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            emulator.faults().on("synccheck").times(4).serverError(503);
            DaemonFixture.awaitState(api, "one", "RECONNECTING");
            DaemonFixture.awaitState(api, "one", "ONLINE");
            String metrics = api.get("/metrics").body();
            assertTrue(metrics.contains("webwx_sync_errors_total{account=\"one\"}"), metrics);
            assertTrue(metrics.contains("webwx_sync_reconnects_total{account=\"one\"} 1.0"), metrics);
            assertTrue(logs.at(Level.WARN).stream().allMatch(line -> line.contains("503")
                    || line.contains("synccheck")), logs.at(Level.WARN).toString());
        }
    }

    private static Config config(String accounts) {
        return ConfigFactory.parseString(accounts).withFallback(ConfigFactory.parseString(DaemonFixture.FAST))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private static List<String> ids(ApiCalls api) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode account : api.json(api.get("/api/v1/accounts")).get("accounts")) ids.add(account.get("id").asText());
        return ids;
    }
}
