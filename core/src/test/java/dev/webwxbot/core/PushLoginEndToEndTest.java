package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
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
        second.stop();
        awaitNoWrites(dir);
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
        second.stop();
        awaitNoWrites(dir);
    }

    /** The session file is saved off-thread; let the last save finish before the temp directory is deleted. */
    private static void awaitNoWrites(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String before = "";
        while (System.nanoTime() < deadline) {
            String now;
            try (var files = java.nio.file.Files.list(dir)) {
                now = files.map(f -> f.getFileName() + ":" + f.toFile().lastModified()).sorted().toList().toString();
            }
            if (now.equals(before) && !now.contains(".tmp")) return;
            before = now;
            Thread.sleep(300);
        }
    }

    /** Logs in once with a session file, stops, and has the phone end that web session. */
    private Path expiredSessionFile(Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Session first = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        first.start().get(20, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!java.nio.file.Files.exists(file) && System.nanoTime() < deadline) Thread.sleep(20); // saved off-thread
        first.stop();
        account.phone().logoutWeb();
        login.progress.clear();
        login.events.clear();
        return file;
    }
}
