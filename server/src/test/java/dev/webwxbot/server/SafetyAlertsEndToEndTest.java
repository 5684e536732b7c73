package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.server.alert.AlertSettings;
import dev.webwxbot.testsupport.CapturedLogs;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts of a running daemon, channel by channel: a held login reaches the webhook as {@code safety.login-held}
 * and the owner's mailbox with its explanation (through a small SMTP server of the test); a safety event of an
 * online account reaches its file helper in the emulator, once per kind and chat and interval; and an email channel
 * that fails is logged once and never breaks the session.
 */
class SafetyAlertsEndToEndTest {

    private static final String PASSWORD = "smtp-password-never-logged";

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
        phone.addFriend("Bob");
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
        logs.close();
    }

    private BotServer daemon(String extra) throws Exception {
        return new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { shop { } }\n" + extra,
                clock);
    }

    @Test
    void aHeldLoginReachesTheWebhookAndTheOwnersEmailWithTheExplanation() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(); FakeSmtpServer smtp = new FakeSmtpServer()) {
            String extra = """
                    webwx-bot.webhooks = [ { url = "%s", secret = "a-long-shared-secret", events = [ "safety.*" ],
                                         backoff-base = 50ms, backoff-cap = 200ms } ]
                    webwx-bot.safety.login-guard.max-fresh-logins = 1
                    webwx-bot.safety.alerts.email { enabled = true, host = "127.0.0.1", port = %d, starttls = false,
                      user = "bot@example.com", password = "%s", from = "bot@example.com", to = [ "owner@example.com" ] }
                    """.formatted(receiver.url(), smtp.port(), PASSWORD);
            // A delivery cut off by the first daemon's stop is retried by the second: allowed, not required.
            logs.allow(Level.WARN, "webhook .*: delivery to .* failed .*");
            server = daemon(extra);
            ApiCalls api = ApiCalls.from(dir.resolve("data"));
            DaemonFixture.logIn(api, "shop", phone);
            phone.phone().logoutWeb(); // the session is lost: the next start needs a fresh login, the second this hour
            DaemonFixture.awaitState(api, "shop", "LOGGED_OUT");
            server.close();
            server = daemon(extra);

            JsonNode hook = ApiCalls.JSON.readTree(receiver.await(Duration.ofSeconds(20)).body());
            assertEquals("safety.login-held", hook.get("type").asText());
            assertEquals("shop", hook.get("account").asText());
            JsonNode held = hook.get("event");
            assertEquals(1, held.get("recentLogins").asInt());
            assertEquals(3600, held.get("windowSeconds").asInt());
            assertFalse(held.get("retryAt").isNull(), held.toString());
            String explanation = held.get("explanation").asText();
            assertTrue(explanation.startsWith("Login held back by the login guard: 1 fresh login (QR code or push) in"
                    + " the last 1 hour"), explanation);

            FakeSmtpServer.Mail mail = smtp.await(Duration.ofSeconds(20));
            assertEquals("<bot@example.com>", mail.from());
            assertEquals(List.of("<owner@example.com>"), mail.to());
            String credentials = String.join(" ", mail.auth().stream()
                    .map(line -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8)).toList());
            assertTrue(credentials.contains(PASSWORD), "the password went to the SMTP server");
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.data().getBytes(StandardCharsets.UTF_8)));
            assertEquals("[webwx-bot] shop: login held", parsed.getSubject());
            String body = parsed.getContent().toString();
            assertTrue(body.startsWith(explanation), body);
            assertTrue(body.contains("event: safety.login-held"), body);

            assertEquals(List.of("account shop: " + explanation), logs.at(Level.WARN).stream()
                    .filter(line -> !line.startsWith("webhook ")).toList(), "logged once, in the same words");
            assertFalse(logs.all().contains(PASSWORD), "the password is never logged");
        }
    }

    @Test
    void aSafetyEventReachesTheOwnersFileHelperOncePerKindChatAndInterval() throws Exception {
        server = daemon("webwx-bot.safety.alerts { min-interval = 10m, file-helper.enabled = true }");
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", phone);
        var account = server.accounts().get("shop").orElseThrow();
        Bot bot = account.bot().orElseThrow();
        Contact alice = bot.contacts().findExact("Alice").getFirst();
        Contact bob = bot.contacts().findExact("Bob").getFirst();
        AlertSettings settings = account.config().alerts();

        server.alerts().raise("shop", paused(alice), settings, Optional.of(bot)).join();
        SentMessage alert = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals("filehelper", alert.toUserName());
        assertEquals("[webwx-bot] " + paused(alice).explanation(), alert.content());

        server.alerts().raise("shop", paused(alice), settings, Optional.of(bot)).join(); // flapping: not again
        server.alerts().raise("shop", paused(bob), settings, Optional.of(bot)).join();   // another chat: sent
        assertTrue(phone.awaitSentMessage(Duration.ofSeconds(10)).content().contains("Bob"));
        clock.advance(Duration.ofMinutes(10));
        server.alerts().raise("shop", paused(alice), settings, Optional.of(bot)).join(); // the interval passed
        assertTrue(phone.awaitSentMessage(Duration.ofSeconds(10)).content().contains("Alice"));
        assertEquals(3, phone.sentMessages().size(), "three alerts reached the file helper, not four");

        // The core logs a chat's pause once, where it pauses it; the alerts only carry it to the owner.
        assertEquals(List.of(), logs.at(Level.WARN), "not logged again by the alerts");
    }

    @Test
    void anEmailChannelThatFailsIsLoggedOnceAndNeverBreaksTheSession() throws Exception {
        int closedPort;
        try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = nothing.getLocalPort();
        }
        server = daemon("""
                webwx-bot.safety.alerts { min-interval = 0s, file-helper.enabled = false,
                  email { enabled = true, host = "127.0.0.1", port = %d, starttls = false, timeout = 2s,
                          from = "bot@example.com", to = [ "owner@example.com" ] } }
                """.formatted(closedPort));
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", phone);
        var account = server.accounts().get("shop").orElseThrow();
        Bot bot = account.bot().orElseThrow();
        for (int i = 0; i < 3; i++) {
            server.alerts().raise("shop", stalled(), account.config().alerts(), Optional.of(bot)).join();
        }
        List<String> warnings = logs.at(Level.WARN); // the stall itself is logged by the watchdog that finds it
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("account shop: the email alert could not be sent ("), warnings.toString());
        assertInstanceOf(SendReceipt.Sent.class, bot.send(bot.contacts().findExact("Alice").getFirst(),
                Outgoing.text("still here")), "the session goes on");
        assertEquals("still here", phone.awaitSentMessage(Duration.ofSeconds(10)).content());
    }

    private ChatPaused paused(Contact chat) {
        return new ChatPaused(chat, ChatPaused.Cause.REPLY_LOOP, Optional.of(clock.instant().plus(Duration.ofMinutes(5))),
                "Paused in " + chat.displayName() + ": the bot and " + chat.displayName()
                        + " answered each other 8 times in 20 s, faster than people do.", clock.instant());
    }

    private SessionStalled stalled() {
        return new SessionStalled(SessionStalled.Symptom.SELECTOR_ALWAYS_ZERO, clock.instant(),
                "The session looks stalled: synccheck answered 'nothing new' for 30 minutes.", clock.instant());
    }
}
