package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
            try (WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl()))
                    .trustedCertificates(List.of(emulator.caCertificate().orElseThrow())).build()) {
                PhoneLogin login = new PhoneLogin(account);
                PhoneLogin.online(client, SessionOptions.defaults(), login);
                alice.sendText("over TLS");
                TextMessage text = login.next(TextMessage.class, null, Duration.ofSeconds(20));
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
                Session session = client.newSession(SessionOptions.defaults(), new PhoneLogin(account));
                assertThrows(ExecutionException.class, () -> session.start().get(30, TimeUnit.SECONDS));
            }
            assertTrue(emulator.recordedRequests().isEmpty(), "no request got past the TLS handshake");
        }
    }

    private static Emulator httpsEmulator() {
        return Emulator.builder().port(0).https(true)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
    }
}
