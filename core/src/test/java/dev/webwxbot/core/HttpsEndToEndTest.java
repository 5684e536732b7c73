package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client logs in and receives over TLS when it trusts only the emulator's generated CA, and refuses otherwise. */
class HttpsEndToEndTest {

    @Test
    void logsInAndReceivesOverTlsTrustingOnlyTheEmulatorsCa() throws Exception {
        try (Emulator emulator = httpsEmulator()) {
            Account account = emulator.addAccount("Bot");
            Contact alice = account.addFriend("Alice");
            assertTrue(emulator.baseUrl().startsWith("https://"), emulator.baseUrl());
            BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();
            try (WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl()))
                    .trustedCertificates(List.of(emulator.caCertificate().orElseThrow())).build()) {
                client.newSession(SessionOptions.defaults(), confirmingListener(account, events))
                        .start().get(30, TimeUnit.SECONDS);
                alice.sendText("over TLS");
                BotEvent event = events.poll(20, TimeUnit.SECONDS);
                TextMessage text = (TextMessage) event;
                assertEquals("over TLS", text.text());
                assertEquals("Alice", text.sender().nickName());
            }
        }
    }

    @Test
    void refusesAnEmulatorWhoseCaItDoesNotTrust() throws Exception {
        try (Emulator emulator = httpsEmulator(); Emulator stranger = httpsEmulator()) {
            Account account = emulator.addAccount("Bot");
            try (WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl()))
                    .trustedCertificates(List.of(stranger.caCertificate().orElseThrow())).build()) {
                Session session = client.newSession(SessionOptions.defaults(),
                        confirmingListener(account, new LinkedBlockingQueue<>()));
                assertThrows(ExecutionException.class, () -> session.start().get(30, TimeUnit.SECONDS));
            }
            assertTrue(emulator.recordedRequests().isEmpty(), "no request got past the TLS handshake");
        }
    }

    private static Emulator httpsEmulator() {
        return Emulator.builder().port(0).https(true)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
    }

    private static SessionListener confirmingListener(Account account, BlockingQueue<BotEvent> events) {
        return new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
            }

            @Override
            public void onEvent(BotEvent event) {
                if (event instanceof TextMessage) events.add(event);
            }
        };
    }
}
