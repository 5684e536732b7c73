package dev.webwxbot.core;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.emulator.Account;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A session of {@code client} logged in as {@code account} (the emulator's phone scans and confirms), for tests. */
final class OnlineSession {

    private final Session session;
    private final BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();

    private OnlineSession(WebWxClient client, Account account, SessionOptions options) throws Exception {
        session = client.newSession(options, new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
            }

            @Override
            public void onEvent(BotEvent event) {
                events.add(event);
            }
        });
        session.start().get(30, TimeUnit.SECONDS);
    }

    static OnlineSession logIn(WebWxClient client, Account account, SessionOptions options) throws Exception {
        return new OnlineSession(client, account, options);
    }

    Session session() {
        return session;
    }

    Bot bot() {
        return session.bot();
    }

    /** The next message of {@code type} with {@code msgId} (any id when null), skipping others. */
    <T extends MessageEvent> T next(Class<T> type, String msgId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            BotEvent event = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(event) && (msgId == null || ((MessageEvent) event).msgId().equals(msgId))) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " " + msgId + " arrived");
    }
}
