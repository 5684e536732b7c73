package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many accounts in one JVM share one client (event loop, pools) and each gets its own messages. */
class ManySessionsEndToEndTest {

    private static final int SESSIONS = 200;

    @Test
    void twoHundredConcurrentSessionsEachReceiveTheirOwnMessage() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0)
                        .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(2)).start();
                WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            Map<String, String> received = new ConcurrentHashMap<>();
            CountDownLatch allReceived = new CountDownLatch(SESSIONS);
            List<Contact> friends = new ArrayList<>();
            List<CompletableFuture<?>> online = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                Account account = emulator.addAccount("Bot " + i);
                friends.add(account.addFriend("Friend of " + i));
                Session session = client.newSession(SessionOptions.defaults(), new SessionListener() {
                    @Override
                    public void onLoginProgress(LoginProgress step) {
                        if (step instanceof LoginProgress.QrCode qr) {
                            Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                        }
                        if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
                    }

                    @Override
                    public void onEvent(BotEvent event) {
                        if (event instanceof TextMessage text
                                && received.putIfAbsent(account.nickName(), text.text()) == null) {
                            allReceived.countDown();
                        }
                    }
                });
                online.add(session.start());
            }
            CompletableFuture.allOf(online.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < SESSIONS; i++) {
                friends.get(i).sendText("message for bot " + i);
            }
            allReceived.await(60, TimeUnit.SECONDS);
            assertEquals(SESSIONS, received.size());
            for (int i = 0; i < SESSIONS; i++) {
                assertEquals("message for bot " + i, received.get("Bot " + i));
            }
        }
    }
}
