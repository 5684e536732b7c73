package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** synccheck answering 1100 right after login may only mean a wrong push host (PROTOCOL.md 1.4): probe first. */
class PushHostProbingEndToEndTest {

    private Emulator emulator;
    private WebWxClient client;
    private Account account;
    private Contact alice;
    private final BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
        client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void anAccountServedOnAnotherPushHostOfItsFamilyIsFoundAndReceives() throws Exception {
        account.setPushHost("webpush2.wx.qq.com");
        Session session = start();
        alice.sendText("found you");
        assertEquals("found you", nextText().text());
        List<String> hosts = emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/synccheck"))
                .map(RecordedRequest::host).distinct().toList();
        assertEquals(List.of("webpush.wx.qq.com", "webpush2.wx.qq.com"), hosts, "the derived host first, then wxBot's");
        assertTrue(!session.ended().isDone());
    }

    @Test
    void whenNoPushHostOfTheFamilyAnswersTheSessionEndsWith1100() throws Exception {
        account.setPushHost("webpush.example.invalid");
        Session session = start();
        LoggedOut end = session.ended().get(20, TimeUnit.SECONDS);
        assertEquals(1100, end.code());
        assertEquals(LoggedOut.Reason.LOGGED_OUT_ON_PHONE, end.reason());
        assertTrue(emulator.recordedRequests().stream()
                .anyMatch(r -> r.path().endsWith("/synccheck") && r.host().equals("webpush2.wx.qq.com")),
                "the other push host of the family was probed first");
    }

    private Session start() throws Exception {
        Session session = client.newSession(SessionOptions.defaults(), new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(() -> account.phone().confirm());
            }

            @Override
            public void onEvent(BotEvent event) {
                events.add(event);
            }
        });
        session.start().get(20, TimeUnit.SECONDS);
        return session;
    }

    private TextMessage nextText() throws InterruptedException {
        for (BotEvent event; (event = events.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (event instanceof TextMessage text) return text;
        }
        throw new AssertionError("no text message arrived");
    }
}
