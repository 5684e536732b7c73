package dev.webwxbot.core;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.emulator.Account;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A session listener that logs in the way a person does, with the emulated account's phone (scan, then confirm,
 * off the network thread), records every login step and queues the events for the test to take. Open for tests
 * that also answer a push prompt or hand events on to a plugin chain (override and call super).
 */
public class PhoneLogin implements SessionListener {

    /** How long a test waits for the next event of a kind before it fails. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    public final BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();
    public final List<LoginProgress> progress = new CopyOnWriteArrayList<>();
    protected final Account account;
    private final Predicate<BotEvent> queued;

    public PhoneLogin(Account account) {
        this(account, event -> true);
    }

    private PhoneLogin(Account account, Predicate<BotEvent> queued) {
        this.account = account;
        this.queued = queued;
    }

    /** One that queues messages only, for tests that take events strictly in order and so must not see LoggedIn. */
    public static PhoneLogin messagesOnly(Account account) {
        return new PhoneLogin(account, event -> event instanceof MessageEvent);
    }

    /** A new session of {@code client} for the account, started and online. */
    public static Session online(WebWxClient client, SessionOptions options, PhoneLogin login) throws Exception {
        return online(client, options, login, Duration.ofSeconds(30));
    }

    /** A new session of {@code client} for the account, started and online within {@code within}. */
    public static Session online(WebWxClient client, SessionOptions options, PhoneLogin login, Duration within)
            throws Exception {
        Session session = client.newSession(options, login);
        session.start().get(within.toMillis(), TimeUnit.MILLISECONDS);
        return session;
    }

    @Override
    public void onLoginProgress(LoginProgress step) {
        progress.add(step);
        if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
        if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
    }

    @Override
    public void onEvent(BotEvent event) {
        if (queued.test(event)) events.add(event);
    }

    /** The next queued event of {@code type}, skipping others; fails once none at all has come for 10 s. */
    public <T extends BotEvent> T next(Class<T> type) throws InterruptedException {
        for (BotEvent event; (event = events.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
            if (type.isInstance(event)) return type.cast(event);
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived");
    }

    /** The next queued message of {@code type} with {@code msgId} (any id when null) within {@code within}, skipping others. */
    public <T extends MessageEvent> T next(Class<T> type, String msgId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            BotEvent event = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(event) && (msgId == null || ((MessageEvent) event).msgId().equals(msgId))) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " " + msgId + " arrived");
    }

    /** The very next queued event within 10 s, which must be of {@code type}. */
    public <T extends BotEvent> T take(Class<T> type) throws InterruptedException {
        BotEvent event = events.poll(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) throw new AssertionError("no " + type.getSimpleName() + " arrived");
        if (!type.isInstance(event)) throw new AssertionError("expected " + type.getSimpleName() + " but was " + event);
        return type.cast(event);
    }
}
