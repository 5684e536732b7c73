package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks of a running daemon: an emulator message reaches a receiver signed as documented (checked here with the
 * JDK's HMAC, not the server's code), a reply in the receiver's answer goes back to the chat, and a receiver that
 * fails keeps its events queued on disk across a daemon restart until it recovers.
 */
class WebhooksEndToEndTest {

    private static final String SECRET = "a-long-shared-secret";

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private WebhookReceiver receiver;
    private BotServer server;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        receiver.close();
        emulator.close();
    }

    private BotServer startDaemon() throws Exception {
        return new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot.accounts { shop { } }
                webwx-bot.webhooks = [ { url = "%s", secret = "%s", events = [ "message.text" ],
                                         backoff-base = 50ms, backoff-cap = 200ms } ]
                """.formatted(receiver.url(), SECRET));
    }

    @Test
    void aMessageArrivesSignedAndTheReceiversReplyIsSentToItsChat() throws Exception {
        server = startDaemon();
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", phone);
        receiver.answerWith("{\"reply\":\"got it\"}");

        alice.sendText("hello hook");
        WebhookReceiver.Received hook = receiver.await(Duration.ofSeconds(15));
        assertEquals(200, hook.answered());
        assertSigned(hook);
        JsonNode body = ApiCalls.JSON.readTree(hook.body());
        assertEquals("message.text", body.get("type").asText());
        assertEquals("message.text", hook.header("X-Webwx-Event"));
        assertEquals(body.get("id").asText(), hook.header("X-Webwx-Delivery"));
        assertEquals("shop", body.get("account").asText());
        assertEquals("hello hook", body.get("event").get("text").asText());
        assertEquals("Alice", body.get("event").get("chat").get("name").asText());

        assertEquals("got it", phone.awaitSentMessage(Duration.ofSeconds(10)).content(), "the reply went to Alice");

        // The reply comes back as the account's own message: delivered, but not answered (else it loops for ever).
        WebhookReceiver.Received echo = receiver.await(Duration.ofSeconds(15));
        JsonNode own = ApiCalls.JSON.readTree(echo.body()).get("event");
        assertEquals("got it", own.get("text").asText());
        assertTrue(own.get("fromSelf").asBoolean());
        alice.sendText("second");
        assertEquals("second", ApiCalls.JSON.readTree(receiver.await(Duration.ofSeconds(15)).body())
                .get("event").get("text").asText());
        assertEquals("got it", phone.awaitSentMessage(Duration.ofSeconds(10)).content(), "the reply to the second");
        assertEquals("got it", ApiCalls.JSON.readTree(receiver.await(Duration.ofSeconds(15)).body())
                .get("event").get("text").asText(), "its echo");
        assertEquals(2, phone.sentMessages().size(), "two replies, none to the bot's own messages: " + phone.sentMessages());
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventAfterItRecoversAcrossARestart() throws Exception {
        server = startDaemon();
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", phone);

        receiver.failNext(1_000);
        CapturedLogs logs = CapturedLogs.attach();
        alice.sendText("while the receiver is down");
        String delivery = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            WebhookReceiver.Received failed = receiver.await(Duration.ofSeconds(15));
            assertEquals(500, failed.answered());
            if (delivery == null) delivery = failed.header("X-Webwx-Delivery");
            assertEquals(delivery, failed.header("X-Webwx-Delivery"), "the same delivery, retried");
        }
        server.close();
        server = null;
        logs.close();
        assertEquals(1, logs.at(Level.WARN).size(), "one warning while the receiver fails: " + logs.at(Level.WARN));
        assertTrue(logs.at(Level.WARN).getFirst().contains("HTTP 500"), logs.at(Level.WARN).getFirst());
        assertTrue(!logs.all().contains(SECRET), "the secret is never logged");

        receiver.failNext(0);
        server = startDaemon(); // resumes the session: no scan
        WebhookReceiver.Received late;
        do {
            late = receiver.await(Duration.ofSeconds(20));
        } while (late.answered() != 200);
        assertEquals(delivery, late.header("X-Webwx-Delivery"), "the event queued before the restart");
        assertSigned(late);
        assertEquals("while the receiver is down",
                ApiCalls.JSON.readTree(late.body()).get("event").get("text").asText());
    }

    /** Checks the signature as a receiver in any language would: HMAC-SHA256 over "timestamp.body", hex. */
    private static void assertSigned(WebhookReceiver.Received hook) throws Exception {
        String timestamp = hook.header("X-Webwx-Timestamp");
        long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
        assertTrue(age >= 0 && age < 300, "a fresh timestamp, " + age + " s old");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body()));
        assertEquals(expected, hook.header("X-Webwx-Signature"));
    }
}
