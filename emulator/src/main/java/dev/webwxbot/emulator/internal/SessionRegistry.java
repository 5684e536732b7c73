package dev.webwxbot.emulator.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web sessions of every account (PROTOCOL.md 2.5, 2.10, 11.2–11.3): opened by redeeming a login ticket, found
 * by {@code wxsid} or {@code skey}, ended by a newer login, the phone or the client. Guarded by the world monitor.
 */
public final class SessionRegistry {
    private static final int ENDED_SESSIONS_KEPT = 16;

    private final World world;
    private final QrLogins qrLogins;
    private final Map<String, WebSession> sessionsBySid = new HashMap<>();

    SessionRegistry(World world, QrLogins qrLogins) {
        this.world = world;
        this.qrLogins = qrLogins;
    }

    /** The outcome of redeeming a login ticket at webwxnewloginpage. */
    record LoginOutcome(Result result, WebSession session) {
        enum Result { OK, BAD_TICKET, BANNED }
    }

    /**
     * Opens a session for a ticket (once); a desktop login needs the desktop headers plus {@code mod=desktop} in
     * jslogin's redirect_uri or in this query (2.6). The account's other sessions are kicked (11.2).
     */
    LoginOutcome redeemTicket(String ticket, boolean desktopHeaders, boolean modDesktopInQuery, String lang) {
        synchronized (world) {
            LoginTicket found = qrLogins.redeem(ticket);
            if (found == null) {
                return new LoginOutcome(LoginOutcome.Result.BAD_TICKET, null);
            }
            AccountState account = found.account;
            boolean desktop = desktopHeaders && (found.desktopRequested || modDesktopInQuery);
            if (account.webLoginBanned() && !(desktop && account.desktopLoginAllowed())) {
                return new LoginOutcome(LoginOutcome.Result.BANNED, null);
            }
            List<WebSession> zombies = new java.util.ArrayList<>();
            for (WebSession other : account.sessions) {
                if (other.live() && other.zombie.withholdsSync()) {
                    zombies.add(other);
                }
                other.end(WebSession.State.KICKED);
            }
            WebSession session = new WebSession(account, world.ids, world.now(), desktop, lang);
            session.assignAllUserNames();
            // What a zombie session held back reaches the login that replaces it (our fault model, docs/emulator.md).
            zombies.forEach(session::adoptUndelivered);
            account.sessions.add(session);
            sessionsBySid.put(session.sid, session);
            while (account.sessions.size() > ENDED_SESSIONS_KEPT) {
                WebSession oldest = account.sessions.removeFirst();
                sessionsBySid.remove(oldest.sid);
            }
            world.changed();
            return new LoginOutcome(LoginOutcome.Result.OK, session);
        }
    }

    WebSession bySid(String sid) {
        synchronized (world) {
            return sid == null ? null : sessionsBySid.get(sid);
        }
    }

    /** The session a skey belongs to (for GET calls that carry no BaseRequest and no cookies). */
    WebSession bySkey(String skey) {
        if (skey == null || skey.isEmpty()) {
            return null;
        }
        synchronized (world) {
            for (WebSession session : sessionsBySid.values()) {
                if (session.skey.equals(skey)) {
                    return session;
                }
            }
            return null;
        }
    }

    void markInited(WebSession session) {
        synchronized (world) {
            session.inited = true;
            world.changed();
        }
    }

    public boolean isOnline(AccountState account) {
        synchronized (world) {
            WebSession session = liveSession(account);
            return session != null && session.inited;
        }
    }

    public void awaitOnline(AccountState account, Duration timeout) {
        world.awaitCondition(timeout, account + " did not come online (no webwxinit on a live session)",
                () -> isOnline(account));
    }

    /** Waits until the account's newest live session has a synccheck held. */
    public void awaitHeldSyncCheck(AccountState account, Duration timeout) {
        world.awaitCondition(timeout, account + " has no synccheck held (its client is not waiting for news)", () -> {
            WebSession session = liveSession(account);
            return session != null && !session.syncCheckWaiters.isEmpty();
        });
    }

    /** The self UserName of the account's live session, or {@code null}. */
    public String selfUserName(AccountState account) {
        synchronized (world) {
            WebSession session = liveSession(account);
            return session == null ? null : session.selfUserName;
        }
    }

    /** The contact's UserName in the account's live session, or {@code null} when offline. */
    public String userNameOf(ContactState contact) {
        synchronized (world) {
            WebSession session = liveSession(contact.owner());
            return session == null ? null : session.userNameOf(contact);
        }
    }

    /** "Log out web WeChat" on the phone: live sessions end with 1100. */
    public void phoneLogsOut(AccountState account) {
        synchronized (world) {
            for (WebSession session : account.sessions) {
                session.end(WebSession.State.LOGGED_OUT_BY_PHONE);
            }
            world.changed();
        }
    }

    /** The account's live sessions, each of which receives what happens to the account. Caller holds the monitor. */
    static List<WebSession> liveSessions(AccountState account) {
        return account.sessions.stream().filter(WebSession::live).toList();
    }

    /** The newest live session. Caller holds the world monitor. */
    private static WebSession liveSession(AccountState account) {
        for (int i = account.sessions.size() - 1; i >= 0; i--) {
            WebSession session = account.sessions.get(i);
            if (session.live()) {
                return session;
            }
        }
        return null;
    }
}
