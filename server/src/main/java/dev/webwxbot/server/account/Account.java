package dev.webwxbot.server.account;

import java.util.concurrent.CompletionException;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.LoginFailedException;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginHeldException;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SendState;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.WebWxClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account of the daemon: its current session (a new one for each login), its state, and what the API needs
 * beyond the session: the QR code waiting to be scanned, the media messages it received lately (to download), the
 * messages it received lately of any kind (to quote) and the messages the API sent lately (to revoke). Thread-safe.
 *
 * <p>An account logs in, resumes and shows its QR code on its own: nothing here waits for another account, and a
 * failure ends only this account's session.
 */
public final class Account {

    /** The login QR code as a PNG in the account's folder, while one waits to be scanned. */
    public static final String QR_FILE = "login-qr.png";
    /** In a cluster: how soon a login whose leased state could not be read is tried again. */
    static final Duration STATE_RETRY = Duration.ofSeconds(5);
    /** How many received media messages (and API sends) an account remembers for download (and revoke). */
    static final int REMEMBERED = 500;
    private static final Logger log = LoggerFactory.getLogger(Account.class);

    private final WebWxClient client;
    private final AccountEvents events;
    private final SessionMonitor monitor;
    private final Clock clock;
    private final Path dataDir;
    private final ReentrantLock lock = new ReentrantLock();
    /** In a cluster: only the lease holder logs in. Guarded by lock. */
    private boolean clustered;
    /** In a cluster: the account's state in Redis while this daemon holds its lease. Written under lock. */
    private volatile SessionStateStorage leasedStorage;
    private final Recent<MessageEvent> received = new Recent<>(REMEMBERED);
    private final Recent<MessageEvent> quotable = new Recent<>(REMEMBERED);
    private final Recent<SendReceipt.Sent> sent = new Recent<>(REMEMBERED);
    private volatile AccountConfig config;
    private final QrImageFile qrImage;
    private volatile AccountStatus status = AccountStatus.STOPPED;
    private Session session; // guarded by lock
    private CompletableFuture<Contact> online = new CompletableFuture<>(); // guarded by lock: the current login
    private int generation; // guarded by lock: which session the callbacks belong to
    /** The watchdog's latest step since the last login: what the API and {@code webwx-bot accounts} show. */
    private volatile SafetyEvent watchdogNews;

    /**
     * @param monitor told what each of its sessions reports (the metrics)
     * @param clock the login guard's time
     * @param dataDir the daemon's data folder, for the login guard's reset command
     */
    Account(AccountConfig config, WebWxClient client, AccountEvents events, SessionMonitor monitor, Clock clock,
            Path dataDir) {
        this.config = config;
        this.client = client;
        this.events = events;
        this.monitor = monitor;
        this.clock = clock;
        this.dataDir = dataDir;
        this.qrImage = new QrImageFile(config.id(), config.folder().resolve(QR_FILE));
    }

    public String id() {
        return config.id();
    }

    public AccountConfig config() {
        return config;
    }

    public AccountStatus status() {
        return status;
    }

    /** The API of the current session (as the daemon hands it out); empty before the first login. Sends fail with LOGGED_OUT unless online. */
    public Optional<Bot> bot() {
        lock.lock();
        try {
            return Optional.ofNullable(session).map(current -> events.bot(id(), current.bot()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bot the operator sends through (the HTTP API), as the daemon hands it out: its sends go out in chats the
     * safety behaviours paused; empty before the first login.
     */
    public Optional<Bot> operatorBot() {
        lock.lock();
        try {
            return Optional.ofNullable(session).map(current -> events.bot(id(), current.operatorBot()));
        } finally {
            lock.unlock();
        }
    }

    /** The paused chats of the current (or last) session; none before the first login. */
    public ChatPauses pauses() {
        lock.lock();
        try {
            return session == null ? ChatPauses.NONE : session.pauses();
        } finally {
            lock.unlock();
        }
    }

    /** What the current (or last) session's send governor is doing now; empty before the first login. */
    public Optional<SendState> sendState() {
        lock.lock();
        try {
            return Optional.ofNullable(session).map(Session::sendState);
        } finally {
            lock.unlock();
        }
    }

    /** How the current (or last) session's send with {@code clientId} ended, when its outbox knows it settled. */
    public Optional<SendReceipt> settledSend(String clientId) {
        lock.lock();
        try {
            return Optional.ofNullable(session).flatMap(current -> current.settledSend(clientId));
        } finally {
            lock.unlock();
        }
    }

    /** The current (or last) login: completes with the account once online, exceptionally when it fails. */
    public CompletableFuture<Contact> online() {
        lock.lock();
        try {
            return online;
        } finally {
            lock.unlock();
        }
    }

    /** When the current (or last) session ends; never completes before the first login. */
    public CompletableFuture<LoggedOut> ended() {
        lock.lock();
        try {
            return session == null ? new CompletableFuture<>() : session.ended();
        } finally {
            lock.unlock();
        }
    }

    /** The zombie-session watchdog's latest event since the account last logged in; empty when it has not acted. */
    public Optional<SafetyEvent> watchdogNews() {
        return Optional.ofNullable(watchdogNews);
    }

    /** A media message this account received lately, by its MsgId. */
    public Optional<MessageEvent> received(String msgId) {
        return received.get(msgId);
    }

    /** A message of any kind this account received lately, by its MsgId: one the API can quote. */
    public Optional<MessageEvent> receivedAnyKind(String msgId) {
        return quotable.get(msgId);
    }

    /** Remembers a message sent through the API, so it can be revoked by its MsgId. */
    public void rememberSent(SendReceipt.Sent receipt) {
        sent.put(receipt.msgId(), receipt);
    }

    public Optional<SendReceipt.Sent> sent(String msgId) {
        return sent.get(msgId);
    }

    /** Settings for the next login (a running session keeps the ones it started with). */
    void reconfigure(AccountConfig fresh) {
        config = fresh;
    }

    /** The login-churn guard of this account, on its record in the account's folder, with the current settings. */
    public LoginGuard loginGuard() {
        return LoginGuard.open(config.folder().resolve(LoginGuard.FILE), config.loginGuard(), clock, resetHint());
    }

    /**
     * The operator's override of the login guard: forgets its strikes and window, then starts a login unless one is
     * running or the account is online.
     */
    public LoginGuard.Status resetLoginGuard() {
        LoginGuard.Status status = loginGuard().reset();
        login();
        return status;
    }

    /** What the login guard's explanations tell the operator to do. */
    private String resetHint() {
        String account = id().equals(AccountConfig.DEFAULT_ID) ? "" : " --account " + id();
        return "webwx-bot login-guard reset" + account + " --data-dir " + dataDir.toAbsolutePath()
                + " (or POST /api/v1/accounts/" + id() + "/login-guard/reset)";
    }

    /**
     * Starts a session unless one is running or logging in: it resumes the saved session, else asks the phone to
     * confirm a pushed login, else shows a QR code; each only if the login-churn guard lets it
     * ({@link #loginGuard()}). This is the one way the daemon logs an account in: the watchdog's re-login of a
     * stalled session calls it too, after ending that session.
     *
     * @return false when a session was already running
     */
    public boolean login() {
        lock.lock();
        try {
            AccountState now = status.state();
            if (session != null && now != AccountState.LOGGED_OUT && now != AccountState.STOPPED
                    && now != AccountState.ELSEWHERE) {
                return false;
            }
            // In a cluster only the daemon holding the lease runs the account, on the state kept in Redis.
            if (clustered && leasedStorage == null) return false;
            int mine = ++generation;
            watchdogNews = null;
            SessionOptions options = config.sessionOptions().withMonitor(SessionMonitor.all(monitor, new SessionMonitor() {
                @Override
                public void syncFailed(Throwable cause) {
                    syncFailing(mine);
                }

                @Override
                public void syncRecovered() {
                    Account.this.syncRecovered(mine);
                }

                @Override
                public void leftoverSettled(String clientId, SendReceipt receipt) {
                    events.sendSettled(id(), clientId, receipt);
                }
            }));
            // Every login of the account passes the login-churn guard: the daemon's start, the API's login, the retry
            // a hold scheduled, and a re-login after a stalled session (a watchdog calls this method too).
            options = options.withLoginGuard(loginGuard());
            if (leasedStorage != null) options = options.withStateStorage(leasedStorage);
            Session fresh = client.newSession(options, new Listener(mine));
            session = fresh;
            update(mine, status.with(AccountState.LOGGING_IN));
            fresh.ended().whenComplete((end, failure) -> ended(mine, end, failure));
            online = fresh.start();
            online.exceptionally(failure -> null); // reported through ended()
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * In a cluster: the account waits for this daemon to take its lease; until then another daemon runs it
     * ({@link AccountState#ELSEWHERE}) and {@link #login} refuses.
     */
    public void awaitLease() {
        lock.lock();
        try {
            clustered = true;
            status = status.with(AccountState.ELSEWHERE);
        } finally {
            lock.unlock();
        }
        events.stateChanged(id(), AccountState.ELSEWHERE);
    }

    /**
     * In a cluster: this daemon took the account's lease; logs in on {@code storage}, the state the last holder kept
     * (a live session resumes without a scan; its unfinished messages and sends are carried on).
     */
    public void hold(SessionStateStorage storage) {
        lock.lock();
        try {
            clustered = true;
            leasedStorage = storage;
        } finally {
            lock.unlock();
        }
        startOn(storage);
    }

    /**
     * Logs in on the leased state; when the state cannot be read (Redis went away just then), says so once and tries
     * again a little later for as long as this daemon holds the lease, rather than leaving the account held and idle.
     */
    private void startOn(SessionStateStorage storage) {
        try {
            login();
        } catch (RuntimeException e) {
            boolean first;
            AccountState before;
            lock.lock();
            try {
                if (leasedStorage != storage) return; // let go of meanwhile
                first = status.state() != AccountState.LOGGED_OUT || !"STATE_UNAVAILABLE".equals(status.reason());
                before = status.state();
                generation++; // what a half-made session might still report changes nothing
                status = status.loggedOut("STATE_UNAVAILABLE", e.getMessage());
            } finally {
                lock.unlock();
            }
            if (before != AccountState.LOGGED_OUT) events.stateChanged(id(), AccountState.LOGGED_OUT);
            if (first) {
                log.warn("account {}: its session state cannot be read now ({}); trying again every {} s", id(),
                        e.getMessage(), STATE_RETRY.toSeconds());
            }
            CompletableFuture.delayedExecutor(STATE_RETRY.toMillis(), TimeUnit.MILLISECONDS, Thread::startVirtualThread)
                    .execute(() -> {
                        if (leasedStorage == storage) startOn(storage);
                    });
        }
    }

    /**
     * In a cluster: the lease goes to another daemon. Stops the session without logging out, letting received
     * messages be handled for at most {@code drain}, and then waits for the lease again.
     */
    public void letGo(Duration drain) {
        stop(drain);
        lock.lock();
        try {
            leasedStorage = null;
        } finally {
            lock.unlock();
        }
        awaitLease();
    }

    /** Logs out on the server; completes when the session has ended. Nothing to do when none runs. */
    public CompletableFuture<Void> logout() {
        lock.lock();
        try {
            AccountState now = status.state();
            // ELSEWHERE: the session left here is stopped, and its credentials are the other daemon's live session.
            if (session == null || now == AccountState.LOGGED_OUT || now == AccountState.STOPPED
                    || now == AccountState.ELSEWHERE) {
                return CompletableFuture.completedFuture(null);
            }
            return session.logout();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the session without logging out, letting received messages be handled for the configured drain time;
     * the saved session lets the next start resume without a scan. Blocks up to the drain time.
     */
    public void stop() {
        stop(config.drainTime());
    }

    private void stop(Duration drain) {
        Session stopping;
        lock.lock();
        try {
            stopping = session;
            generation++; // what the stopping session still reports no longer changes the state
            status = status.with(AccountState.STOPPED);
        } finally {
            lock.unlock();
        }
        events.stateChanged(id(), AccountState.STOPPED);
        if (stopping != null) stopping.stop(drain);
        qrImage.delete(); // nobody should scan a code of a stopped account
    }

    /** The session's sync failed and it is retrying; called by the session's monitor. */
    private void syncFailing(int mine) {
        if (status.state() == AccountState.ONLINE) update(mine, status.with(AccountState.RECONNECTING));
    }

    /** The session's sync works again. */
    private void syncRecovered(int mine) {
        if (status.state() == AccountState.RECONNECTING) update(mine, status.with(AccountState.ONLINE));
    }

    private void ended(int mine, LoggedOut end, Throwable failure) {
        if (!current(mine)) return; // stopped by the daemon, or replaced by a newer login: its end is no news
        if (end != null) {
            update(mine, status.loggedOut(end.reason().name(), end.code() == 0 ? "" : "code " + end.code()));
            log.info("account {}: session ended: {}", id(), end.reason());
        } else {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : failure;
            if (cause instanceof LoginFailedException failed && failed.getCause() instanceof LoginHeldException held) {
                // Logged once, in plain words, by the alerts that the LoginHeld event reached.
                update(mine, status.loggedOut("LOGIN_HELD", held.getMessage()));
                held.event().retryAt().ifPresent(at -> retryAt(mine, at));
                qrImage.delete();
                return;
            }
            String why = cause instanceof LoginFailedException ? cause.getMessage() : String.valueOf(cause);
            update(mine, status.loggedOut("LOGIN_FAILED", why));
            log.warn("account {}: login failed: {}", id(), why);
        }
        qrImage.delete();
    }

    /**
     * Logs in again by itself once a hold's time has come, unless the account was stopped or logged in otherwise
     * meanwhile. The wait is real time measured on the guard's clock; the guard decides again then.
     */
    private void retryAt(int mine, Instant at) {
        long wait = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1_000;
        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, Thread::startVirtualThread).execute(() -> {
            if (current(mine) && status.state() == AccountState.LOGGED_OUT) login();
        });
    }

    private boolean current(int mine) {
        lock.lock();
        try {
            return mine == generation;
        } finally {
            lock.unlock();
        }
    }

    /** Applies a change unless a newer session (or a stop) has taken over since {@code mine} started. */
    private void update(int mine, AccountStatus next) {
        AccountState before;
        lock.lock();
        try {
            if (mine != generation) return;
            before = status.state();
            status = next;
        } finally {
            lock.unlock();
        }
        if (before != next.state()) events.stateChanged(id(), next.state());
    }

    private void progress(int mine, LoginProgress step) {
        switch (step) {
            case LoginProgress.QrCode qr -> {
                update(mine, status.waitingForScan(qr.content()));
                log.info("account {}: login QR code: {} (scan it with WeChat on the phone)", id(), qr.content());
                Thread.startVirtualThread(() -> qrImage.save(qr.content(),
                        shown -> status.qrContent().filter(shown::equals).isPresent()));
            }
            case LoginProgress.Online online -> {
                update(mine, status.online(online.self()));
                Thread.startVirtualThread(qrImage::delete);
            }
            case LoginProgress.QrExpired expired -> update(mine, status.with(AccountState.LOGGING_IN));
            case LoginProgress.Scanned scanned -> update(mine, status.with(AccountState.LOGGING_IN));
            default -> { }
        }
        events.loginProgress(id(), step);
    }

    private static boolean hasMedia(MessageEvent message) {
        return message instanceof ImageMessage || message instanceof VoiceMessage || message instanceof VideoMessage
                || message instanceof FileMessage || message instanceof EmoticonMessage;
    }

    /** One session's callbacks, tagged with the login they belong to. */
    private final class Listener implements SessionListener {
        private final int mine;

        Listener(int mine) {
            this.mine = mine;
        }

        @Override
        public void onLoginProgress(LoginProgress step) {
            progress(mine, step);
        }

        @Override
        public void onEvent(BotEvent event) {
            if ((event instanceof SessionStalled || event instanceof SessionRecovery) && current(mine)) {
                watchdogNews = (SafetyEvent) event;
            }
            events.event(id(), event, bot().orElseThrow());
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            if (hasMedia(message)) received.put(message.envelope().msgId(), message);
            quotable.put(message.envelope().msgId(), message);
            return events.message(id(), message, events.bot(id(), bot));
        }
    }
}
