package dev.webwxbot.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QR logins (PROTOCOL.md 2.2–2.4) and push logins (2.7): the uuids jslogin issued, what the phone did with them,
 * the held login polls waiting for that, and the single-use tickets confirmations hand out. Guarded by the world
 * monitor.
 */
public final class QrLogins {
    private static final int QR_LOGINS_KEPT = 1_000;

    private final World world;
    private final Accounts accounts;
    private final Map<String, QrLogin> qrLogins = new LinkedHashMap<>();
    private final Map<String, LoginTicket> tickets = new HashMap<>();

    QrLogins(World world, Accounts accounts) {
        this.world = world;
        this.accounts = accounts;
    }

    QrLogin issue(boolean desktopRequested, String lang) {
        synchronized (world) {
            String uuid;
            do {
                uuid = world.ids.qrUuid();
            } while (qrLogins.containsKey(uuid));
            QrLogin qr = new QrLogin(uuid, world.now(), desktopRequested, lang);
            qrLogins.put(uuid, qr);
            if (qrLogins.size() > QR_LOGINS_KEPT) {
                qrLogins.remove(qrLogins.keySet().iterator().next());
            }
            world.changed();
            return qr;
        }
    }

    QrLogin byUuid(String uuid) {
        synchronized (world) {
            return uuid == null ? null : qrLogins.get(uuid);
        }
    }

    /** The newest uuid that is neither scanned, confirmed nor expired; waits for jslogin to issue one. */
    public String awaitUuid(Duration timeout) {
        String[] found = new String[1];
        world.awaitCondition(timeout, "no unscanned QR uuid was issued", () -> {
            found[0] = newestWaitingUuid();
            return found[0] != null;
        });
        return found[0];
    }

    /** The newest uuid neither scanned, confirmed nor expired, or {@code null}; never blocks. */
    public String newestWaitingUuid() {
        synchronized (world) {
            Instant now = world.now();
            String found = null;
            for (QrLogin qr : qrLogins.values()) {
                if (qr.state == QrLogin.State.WAITING && !expired(qr, now)) {
                    found = qr.uuid;
                }
            }
            return found;
        }
    }

    public void scan(AccountState account, String uuid) {
        synchronized (world) {
            QrLogin qr = qrLogins.get(uuid);
            if (qr == null || expired(qr, world.now())) {
                throw new IllegalStateException("unknown or expired QR uuid " + uuid);
            }
            if (qr.state != QrLogin.State.WAITING) {
                throw new IllegalStateException("QR uuid " + uuid + " is " + qr.state);
            }
            markScanned(qr, account);
            boolean delivered = false;
            for (QrLogin.Poller poller : qr.pollers) {
                delivered |= poller.held().complete(LoginPollReplies.scanned(account, poller.wantsAvatar()));
            }
            qr.pollers.clear();
            // The real server answers 201 once; a later poll waits for the confirmation.
            qr.scanReported = delivered;
            world.changed();
        }
    }

    public void confirm(AccountState account) {
        synchronized (world) {
            QrLogin qr = lastScannedBy(account);
            qr.state = QrLogin.State.CONFIRMED;
            qr.ticket = world.ids.loginTicket();
            tickets.put(qr.ticket, new LoginTicket(qr.ticket, qr.uuid, account, qr.desktopRequested));
            for (QrLogin.Poller poller : qr.pollers) {
                // Each held poll hears of the API host as its client reached the emulator (ClientOrigin).
                poller.held().complete(LoginPollReplies.confirmed(qr, poller.held().origin().apiBase(account.family())));
            }
            qr.pollers.clear();
            world.changed();
        }
    }

    /** "Cancel" on the phone: 408 leaves the QR re-scannable (iKuiki), 202 ends it (official page). */
    public void cancel(AccountState account) {
        synchronized (world) {
            QrLogin qr = lastScannedBy(account);
            if (world.settings.cancelCode() == 202) {
                qr.state = QrLogin.State.CANCELLED;
                completePollers(qr, LoginPollReplies.code(202));
            } else {
                qr.state = QrLogin.State.WAITING;
                qr.scannedBy = null;
                qr.scanReported = false;
                completePollers(qr, LoginPollReplies.code(408));
            }
            world.changed();
        }
    }

    /** Waits until a login poll for {@code uuid} is held. */
    public void awaitHeldPoll(String uuid, Duration timeout) {
        world.awaitCondition(timeout, "no login poll for " + uuid + " was held", () -> {
            QrLogin qr = qrLogins.get(uuid);
            return qr != null && !qr.pollers.isEmpty();
        });
    }

    /** Answers {@code 400} to the held polls of every QR code the time has expired. Caller holds the monitor. */
    void expireDue() {
        Instant now = world.now();
        for (QrLogin qr : qrLogins.values()) {
            if (!qr.pollers.isEmpty() && expired(qr, now)) {
                completePollers(qr, LoginPollReplies.code(400));
            }
        }
    }

    public void expire(String uuid) {
        synchronized (world) {
            QrLogin qr = qrLogins.get(uuid);
            if (qr == null) {
                throw new IllegalArgumentException("unknown QR uuid " + uuid);
            }
            qr.expiredByHand = true;
            completePollers(qr, LoginPollReplies.code(400));
            world.changed();
        }
    }

    /**
     * Redeems a ticket once: returns it and marks it used, or {@code null} when unknown or already used (a
     * redirect_uri is single-use, 11.2). Caller holds the world monitor.
     */
    LoginTicket redeem(String ticket) {
        LoginTicket found = ticket == null ? null : tickets.get(ticket);
        if (found == null || found.used) {
            return null;
        }
        found.used = true;
        return found;
    }

    /** What webwxpushloginurl answers: {@code ret} 0 with a uuid, else 1 (args) or 3 (auth ticket). */
    record PushOutcome(int ret, String uuid) {
    }

    /**
     * Push login (PROTOCOL.md 2.7): the query's uin, the {@code wxuin} cookie and the account's
     * {@code webwx_auth_ticket} cookie must agree; then the phone shows a prompt, as a QR login that is already
     * scanned (no 201 is reported: nothing was scanned), which {@link #confirm} completes.
     */
    PushOutcome push(String uin, String uinCookie, String authTicketCookie, boolean desktop, String lang) {
        synchronized (world) {
            AccountState account = accounts.byUin(uin);
            if (account == null || uinCookie == null || !uinCookie.equals(uin.trim())) {
                return new PushOutcome(1, null);
            }
            if (authTicketCookie == null || !authTicketCookie.equals(account.authTicket())) {
                return new PushOutcome(3, null);
            }
            QrLogin qr = issue(desktop, lang);
            markScanned(qr, account);
            qr.scanReported = true;
            qr.pushed = true;
            world.changed();
            return new PushOutcome(0, qr.uuid);
        }
    }

    /** Whether the account's phone shows a push-login prompt not yet answered. */
    public boolean hasPushPrompt(AccountState account) {
        synchronized (world) {
            Instant now = world.now();
            return qrLogins.values().stream().anyMatch(qr -> qr.pushed && qr.scannedBy == account
                    && qr.state == QrLogin.State.SCANNED && !expired(qr, now));
        }
    }

    public void awaitPushPrompt(AccountState account, Duration timeout) {
        world.awaitCondition(timeout, account + " got no push-login prompt", () -> hasPushPrompt(account));
    }

    private void markScanned(QrLogin qr, AccountState account) {
        qr.state = QrLogin.State.SCANNED;
        qr.scannedBy = account;
        qr.scanSeconds = world.now().getEpochSecond();
        qr.scanReported = false;
    }

    private boolean expired(QrLogin qr, Instant now) {
        return qr.expired(now, world.settings.uuidTtl());
    }

    private QrLogin lastScannedBy(AccountState account) {
        QrLogin found = null;
        Instant now = world.now();
        for (QrLogin qr : qrLogins.values()) {
            if (qr.scannedBy == account && qr.state == QrLogin.State.SCANNED && !expired(qr, now)) {
                found = qr;
            }
        }
        if (found == null) {
            throw new IllegalStateException(account + " has no scanned, unconfirmed, unexpired QR code");
        }
        return found;
    }

    private static void completePollers(QrLogin qr, Reply reply) {
        for (QrLogin.Poller poller : qr.pollers) {
            poller.held().complete(reply);
        }
        qr.pollers.clear();
    }
}
