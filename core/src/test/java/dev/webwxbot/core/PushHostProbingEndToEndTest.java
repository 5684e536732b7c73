package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** synccheck answering 1100 right after login may only mean a wrong push host (PROTOCOL.md 1.4): probe first. */
class PushHostProbingEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        login = new PhoneLogin(account);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void anAccountServedOnAnotherPushHostOfItsFamilyIsFoundAndReceives() throws Exception {
        account.setPushHost("webpush2.wx.qq.com");
        Session session = start();
        alice.sendText("found you");
        assertEquals("found you", login.next(TextMessage.class).text());
        List<String> hosts = world.emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/synccheck"))
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
        assertTrue(world.emulator.recordedRequests().stream()
                .anyMatch(r -> r.path().endsWith("/synccheck") && r.host().equals("webpush2.wx.qq.com")),
                "the other push host of the family was probed first");
    }

    private Session start() throws Exception {
        return world.logIn(SessionOptions.defaults(), login);
    }
}
