package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.EmulatorTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * The emulated world: its settings, its id source, and the parts that hold its state (accounts and contacts, QR
 * logins, web sessions, deliveries, web sends and what they carry to the world's other accounts, conversations,
 * uploads).
 *
 * <p>Thread-safety: this object is the one monitor of the whole world. Every part synchronizes on it for every
 * read and mutation of world state, so endpoints may also hold {@code synchronized (world)} across several calls
 * to read a consistent picture. Blocking waits of test threads wait on it ({@link #awaitCondition}) and every change
 * wakes them ({@link #changed}). Network threads only ever hold the monitor briefly and never wait on it. Listeners
 * of conversation lines are called after the monitor is released. The only other monitors (the send throttle, the
 * fault plan, held replies) never call back into the world while held, so no lock order can invert.
 */
public final class World {
    final EmulatorSettings settings;
    final Ids ids = new Ids();
    final SendThrottle sendThrottle;

    private final Conversations conversations;
    private final Accounts accounts;
    private final QrLogins qrLogins;
    private final SessionRegistry sessions;
    private final MessageDelivery delivery;
    private final RawMessages rawMessages;
    private final ContactChanges contactChanges;
    private final GroupChanges groupChanges;
    private final WebSends webSends;
    private final BetweenAccounts betweenAccounts;
    private final UploadDirectory uploads;

    public World(EmulatorSettings settings) {
        this.settings = settings;
        this.sendThrottle = new SendThrottle(settings.sendRateLimits());
        this.conversations = new Conversations(this);
        this.accounts = new Accounts(this);
        this.qrLogins = new QrLogins(this, accounts);
        this.sessions = new SessionRegistry(this, qrLogins);
        this.delivery = new MessageDelivery(this, conversations);
        this.rawMessages = new RawMessages(this, conversations);
        this.contactChanges = new ContactChanges(this, accounts, delivery, conversations);
        this.groupChanges = new GroupChanges(this, accounts, contactChanges, delivery);
        this.betweenAccounts = new BetweenAccounts(this, accounts, contactChanges, delivery);
        this.webSends = new WebSends(this, conversations, delivery, betweenAccounts);
        this.uploads = new UploadDirectory(this);
    }

    public Accounts accounts() {
        return accounts;
    }

    public QrLogins qrLogins() {
        return qrLogins;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public MessageDelivery delivery() {
        return delivery;
    }

    public RawMessages rawMessages() {
        return rawMessages;
    }

    public ContactChanges contactChanges() {
        return contactChanges;
    }

    public GroupChanges groupChanges() {
        return groupChanges;
    }

    public WebSends webSends() {
        return webSends;
    }

    public BetweenAccounts betweenAccounts() {
        return betweenAccounts;
    }

    public Conversations conversations() {
        return conversations;
    }

    UploadDirectory uploads() {
        return uploads;
    }

    /** Deletes the uploaded files. */
    public void close() {
        uploads.close();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /** The world's time: the configured clock, the system's unless a test controls it. */
    Instant now() {
        return settings.clock().instant();
    }

    /** The clock was moved forward: answers what the new time decides (held polls of QR codes now expired). */
    public void timeMoved() {
        synchronized (this) {
            qrLogins.expireDue();
            changed();
        }
    }

    /** Wakes every thread waiting for a change of the world. Caller holds the monitor. */
    void changed() {
        notifyAll();
    }

    /** Waits on this monitor until {@code condition} (evaluated under it) holds; throws on timeout or interrupt. */
    void awaitCondition(Duration timeout, String failure, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMillis <= 0) {
                    throw new EmulatorTimeoutException(failure + " within " + timeout);
                }
                try {
                    wait(Math.min(remainingMillis, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmulatorTimeoutException("interrupted while waiting: " + failure);
                }
            }
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
