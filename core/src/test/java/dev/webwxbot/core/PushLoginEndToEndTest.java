package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved session the server no longer knows: push login to the phone (PROTOCOL.md 2.7) instead of a QR code. */
class PushLoginEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;
    /** Whether the phone confirms a pushed login (else it ignores the prompt until the uuid expires). */
    private volatile boolean confirmPush = true;

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start(settings -> settings.uuidTtl(Duration.ofSeconds(3)));
        account = world.account;
        alice = account.addFriend("Alice");
        login = new PhoneLogin(account) {
            /** Also answers the push prompt on the phone, unless the test has it ignored. */
            @Override
            public void onLoginProgress(LoginProgress step) {
                super.onLoginProgress(step);
                if (step instanceof LoginProgress.PushSent && confirmPush) {
                    Thread.startVirtualThread(() -> {
                        account.phone().awaitPushPrompt(Duration.ofSeconds(5));
                        account.phone().confirm();
                    });
                }
            }
        };
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void expiredSavedSessionLogsInByPushWithoutAQrCode(@TempDir Path dir) throws Exception {
        Path file = expiredSessionFile(dir);
        Session second = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        second.start().get(20, TimeUnit.SECONDS);

        assertTrue(login.progress.stream().anyMatch(p -> p instanceof LoginProgress.PushSent), login.progress.toString());
        assertTrue(login.progress.stream().noneMatch(p -> p instanceof LoginProgress.QrCode), "no QR code shown: " + login.progress);
        RecordedRequest push = world.emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxpushloginurl")).findFirst().orElseThrow();
        assertEquals("wx.qq.com", push.host());
        assertEquals(Long.toString(account.uin()), push.queryParam("uin"));
        assertEquals("desktop", push.queryParam("mod"));
        alice.sendText("welcome back");
        assertEquals("welcome back", login.next(TextMessage.class).text());
        second.stop(); // returns once the session file is final, so the temporary folder can go
    }

    @Test
    void ignoredPushFallsBackToAQrCode(@TempDir Path dir) throws Exception {
        Path file = expiredSessionFile(dir);
        confirmPush = false;
        Session second = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        second.start().get(30, TimeUnit.SECONDS);
        List<Class<?>> kinds = login.progress.stream().<Class<?>>map(Object::getClass).distinct().toList();
        assertTrue(kinds.indexOf(LoginProgress.PushSent.class) >= 0
                && kinds.indexOf(LoginProgress.PushSent.class) < kinds.indexOf(LoginProgress.QrCode.class), kinds.toString());
        second.stop(); // returns once the session file is final, so the temporary folder can go
    }

    /** Logs in once with a session file, stops, and has the phone end that web session. */
    private Path expiredSessionFile(Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Session first = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        first.start().get(20, TimeUnit.SECONDS);
        Await.until(() -> java.nio.file.Files.exists(file), "the session file, saved off-thread");
        first.stop();
        account.phone().logoutWeb();
        login.progress.clear();
        login.events.clear();
        return file;
    }
}
