package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.server.account.AccountStatus;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login-churn guard in real daemons: {@link BotServer}s started and stopped on one data folder against the
 * emulator, as systemd restarts a crashing bot, with one clock the test moves across the restarts. The phone is eager
 * (it confirms every push prompt and scans every QR code at once), so nothing but the guard limits the logins.
 */
class LoginChurnEndToEndTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.startingNow();
    private Emulator emulator;
    private Account phone;
    private BotServer server;
    private CapturedLogs logs;

    @BeforeEach
    void start() {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        phone.addFriend("Alice");
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
        logs.close();
    }

    /** A person who confirms whatever the phone shows, at once. */
    private final BiConsumer<String, LoginProgress> eagerPhone = (account, progress) -> {
        switch (progress) {
            case LoginProgress.QrCode qr -> Thread.startVirtualThread(() -> {
                phone.phone().scan(qr.uuid());
                phone.phone().confirm();
            });
            case LoginProgress.PushSent push -> Thread.startVirtualThread(() -> {
                phone.phone().awaitPushPrompt(Duration.ofSeconds(10));
                phone.phone().confirm();
            });
            default -> { }
        }
    };

    private BotServer daemon() throws Exception {
        Config config = ConfigFactory.parseString(DaemonFixture.FAST).withFallback(ConfigFactory.defaultReference())
                .resolve();
        return BotServer.start(new ServerSettings(Optional.of(URI.create(emulator.baseUrl())), dir.resolve("data"),
                Files.createDirectories(dir.resolve("plugins"))), config, eagerPhone, clock);
    }

    /** Online, or held back by the guard: how this start ended. */
    private static AccountStatus settled(BotServer server) {
        var account = server.accounts().list().getFirst();
        Await.until(() -> account.status().state() == AccountState.ONLINE
                        || account.status().reason().equals("LOGIN_HELD"),
                () -> "online or held, still " + account.status(), Duration.ofSeconds(30));
        return account.status();
    }

    /** Logins that reached the login endpoints: a pushed prompt or a QR code's uuid. */
    private long freshLoginRequests() {
        return emulator.recordedRequests().stream().map(RecordedRequest::path)
                .filter(path -> path.endsWith("/webwxpushloginurl") || path.endsWith("/jslogin")).count();
    }

    @Test
    void aDaemonKilledAndRestartedTwentyTimesInAMinuteLogsInNoMoreThanTheGuardAllowsAndSaysWhy() throws Exception {
        List<String> held = new ArrayList<>();
        for (int restart = 0; restart < 20; restart++) {
            server = daemon();
            AccountStatus status = settled(server);
            if (status.state() == AccountState.ONLINE) {
                // The session is lost while the bot is down (the phone ended web WeChat): the next start must log in
                // afresh, the crash loop that gets accounts frozen.
                phone.phone().logoutWeb();
            } else {
                held.add(status.detail());
            }
            server.close();
            server = null;
            clock.advance(Duration.ofSeconds(3)); // 20 restarts in a minute
        }

        assertEquals(5, freshLoginRequests(), "the default allows 5 fresh logins an hour");
        assertEquals(5, emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/webwxnewloginpage")).count());
        assertEquals(15, held.size());
        assertTrue(held.getFirst().startsWith("Login held back by the login guard: 5 fresh logins (QR code or push) in"
                + " the last 1 hour (at "), held.getFirst());
        assertTrue(held.getFirst().contains("The next login may start at "), held.getFirst());
        // After 6 held starts in a row (give-up-after) it stops and says what to do.
        String last = held.getLast();
        assertTrue(last.startsWith("Login held back by the login guard: it has waited for the operator since"), last);
        assertTrue(held.get(5).startsWith("Login stopped by the login guard: 6 logins in a row failed or were held back"
                + " since the last one that came online"), held.get(5));
        assertTrue(held.get(5).contains("webwx-bot login-guard reset --data-dir " + dir.resolve("data").toAbsolutePath()),
                held.get(5));
        assertTrue(held.get(5).contains("POST /api/v1/accounts/default/login-guard/reset"), held.get(5));

        // Each held start is logged once, in the same words, on the safety logger.
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(held.stream().map(detail -> "account default: " + detail).toList(), warnings);

        // The record outlived every daemon: a fresh one reads it, and the operator's reset (through the API) lets
        // the next login go ahead at once.
        server = daemon();
        assertEquals("LOGIN_HELD", settled(server).reason());
        ApiCalls api = ApiCalls.from(dir.resolve("data"));
        JsonNode before = api.json(api.get("/api/v1/accounts/default/login-guard"));
        assertTrue(before.get("waitsForOperator").asBoolean(), before.toString());
        assertEquals(5, before.get("freshLogins").asInt(), before.toString());
        HttpResponse<String> reset = api.post("/api/v1/accounts/default/login-guard/reset", "");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(false, api.json(reset).get("waitsForOperator").asBoolean());
        DaemonFixture.awaitState(api, "default", "ONLINE");
        assertEquals(6, freshLoginRequests(), "one more login, after the reset");
        assertEquals(1, logs.at(Level.WARN).size() - warnings.size(), "the held start of this daemon, logged once");
        assertTrue(Files.exists(dir.resolve("data").resolve(LoginGuard.FILE)));
    }
}
