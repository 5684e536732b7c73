package dev.webwxbot.core;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.emulator.Account;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A session listener that logs in the way a person does, with the emulated account's phone (scan, then confirm,
 * off the network thread), and queues every event for the test to take.
 */
public final class PhoneLogin implements SessionListener {

    public final BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();
    private final Account account;

    public PhoneLogin(Account account) {
        this.account = account;
    }

    /** A new session of {@code client} for the account, started and online. */
    public static Session online(WebWxClient client, SessionOptions options, PhoneLogin login) throws Exception {
        Session session = client.newSession(options, login);
        session.start().get(30, TimeUnit.SECONDS);
        return session;
    }

    @Override
    public void onLoginProgress(LoginProgress step) {
        if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
        if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
    }

    @Override
    public void onEvent(BotEvent event) {
        events.add(event);
    }
}
