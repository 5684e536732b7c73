package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.SendState;
import dev.webwxbot.core.LoginFailedException;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginHeldException;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.contact.ContactEvents;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.http.HttpTransport;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.LoginCalls;
import dev.webwxbot.core.internal.protocol.LoginRefusedException;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.protocol.SyncKey;
import dev.webwxbot.core.internal.protocol.WxCaller;
import dev.webwxbot.core.internal.protocol.WxHosts;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.core.internal.message.TooFrequentNotice;
import dev.webwxbot.core.internal.send.SendGovernor;
import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.core.internal.store.SessionStore;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.store.InboundJournal;
import dev.webwxbot.core.internal.store.Outbox;
import dev.webwxbot.core.IdentityTagging;
import dev.webwxbot.core.internal.identity.IdentityTagger;
import dev.webwxbot.core.internal.safety.ChatSafety;
import dev.webwxbot.core.ChatPauses;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one account from QR login to the end of its sync loop: login, webwxinit, statusnotify, the address book,
 * then {@link SyncLoop}. Thread-safe; every step is asynchronous on the shared transport.
 */
public final class SessionEngine {

    private static final Logger log = LoggerFactory.getLogger(SessionEngine.class);
    /** The official page stops after 16 follow-up pages; a larger book is still read, within reason. */
    private static final int MAX_CONTACT_PAGES = 100;
    /**
     * The session file is saved at most this often: a busy session syncs many times a second, and each save after
     * the first is a change line of a few hundred bytes (FileSessionStore), held back until a second has passed.
     */
    static final Duration SAVE_INTERVAL = Duration.ofSeconds(1);
    /** How often pauses that ran out are looked for. */
    private static final Duration PAUSE_SWEEP = Duration.ofSeconds(1);

    private final HttpTransport transport;
    private final SessionOptions options;
    private final SessionListener listener;
    private final WxCaller caller;
    private final Delays delays;
    private final ContactBook contacts = new ContactBook();
    private final RecentMessageIds recent = new RecentMessageIds(10_000);
    private final SessionStore store;
    private final SnapshotWriter snapshots;
    private final CompletableFuture<LoggedOut> ended = new CompletableFuture<>();
    private final SessionBot bot;
    private final SendGovernor governor;
    private final InboundJournal journal;
    private final Outbox outbox;
    private final Intake intake;
    /** Human takeover, the loop breaker and the ceilings: every message and send of the session passes it. */
    private final ChatSafety safety;
    /** The options' monitor, guarded: one that throws is logged and cannot break a send or the sync loop. */
    private final SessionMonitor monitor;
    private volatile SessionCalls calls;
    private volatile SessionState state;
    private volatile SyncLoop syncLoop;
    private volatile LoginFlow loginFlow;
    /** Set first thing by a stop, so a login that comes online while the stop runs does not start polling. */
    private volatile boolean stopping;
    /** The login-churn guard on this session's login path. */
    private final GuardedLogins logins;
    /** Finds a session that synccheck keeps alive but that delivers nothing, and recovers it. */
    private final Watchdog watchdog;
    /** Set while the watchdog's fresh login runs: the old loop is halted and nothing is checked. */
    private volatile boolean relogging;

    public SessionEngine(HttpTransport transport, SessionOptions options, SessionListener listener) {
        this(transport, options, listener, SAVE_INTERVAL);
    }

    /** With session-file saves at most once per {@code saveInterval} (tests widen it to hold a save back). */
    SessionEngine(HttpTransport transport, SessionOptions options, SessionListener listener, Duration saveInterval) {
        this(transport, options, listener, saveInterval, Clock.systemUTC());
    }

    /** With the watchdog on {@code watchdogClock} (tests move a fake one forward and call its check). */
    SessionEngine(HttpTransport transport, SessionOptions options, SessionListener listener, Duration saveInterval,
                  Clock watchdogClock) {
        this.transport = transport;
        this.options = options;
        this.listener = listener;
        this.caller = new WxCaller(transport, new CookieJar(), options.desktopMode());
        this.store = StateKeeping.snapshots(options);
        this.delays = new Delays(transport.eventLoopGroup());
        this.snapshots = new SnapshotWriter(store, saveInterval, Clock.systemUTC(),
                (delay, task) -> delays.after(delay).thenRun(task));
        this.monitor = options.monitor() == SessionMonitor.NONE ? SessionMonitor.NONE
                : SessionMonitor.all(options.monitor());
        this.governor = SendGovernor.onEventLoop(options.sendLimits(), transport.eventLoopGroup(), monitor);
        this.journal = StateKeeping.journal(options);
        this.outbox = StateKeeping.outbox(options);
        this.safety = new ChatSafety(options.safety(), this::event, contacts, this::answerOwner);
        this.bot = new SessionBot(contacts, () -> calls, () -> state, governor, options.maxDownloadBytes(), outbox,
                monitor, safety);
        this.intake = new Intake(journal, recent, contacts, this::message);
        this.logins = new GuardedLogins(options.loginGuard(), () -> stopping, this::event);
        this.watchdog = new Watchdog(options.watchdog(), watchdogClock, new WatchdogRecovery(), this::event);
        if (watchdog.enabled()) governor.echoes().onTextAnswered(watchdog::sendAnswered);
    }

    /** The session's watchdog; tests call its check. */
    Watchdog watchdog() {
        return watchdog;
    }

    public Bot bot() {
        return bot;
    }

    /** The core's answer to an owner's command, as the operator's send (a paused command chat does not stop it). */
    private void answerOwner(Contact chat, String text) {
        bot.answerOwner(chat, text);
    }

    /** The bot the operator sends through: its sends go out in paused chats too. */
    public Bot operatorBot() {
        return bot.operator();
    }

    /** The chats the bot does not answer in now. */
    public ChatPauses pauses() {
        return safety.pauses();
    }

    /** How the send with {@code clientId} ended, when the outbox knows it settled ({@code Session.settledSend}). */
    public Optional<SendReceipt> settledSend(String clientId) {
        return outbox.find(clientId).flatMap(entry -> switch (entry.state()) {
            case SENT -> Optional.<SendReceipt>of(new SendReceipt.Sent(entry.msgId(), entry.localId(), entry.chat(),
                    SendReceipt.Delivery.ANSWERED, 1, null));
            case FAILED -> Optional.<SendReceipt>of(new SendReceipt.Failed(FailureReason.REJECTED, 0, entry.failure()));
            case PENDING -> Optional.empty();
        });
    }

    /** What the send governor is doing now. */
    public SendState sendState() {
        return governor.state();
    }

    /** The gate every outgoing call of this session passes through. */
    SendGovernor governor() {
        return governor;
    }

    public CompletableFuture<LoggedOut> ended() {
        return ended;
    }

    /**
     * Resumes the saved session when there is one and it is still valid, else logs in with a QR code; completes
     * with the logged-in account once online.
     */
    public CompletableFuture<Contact> start() {
        Optional<SessionSnapshot> saved = store.load();
        CompletableFuture<Contact> online = saved.isPresent()
                ? logins.run(LoginGuard.Kind.RESUME, () -> resume(saved.get())).exceptionallyCompose(failure -> {
                    if (Failures.cause(failure) instanceof LoginHeldException) return CompletableFuture.failedFuture(failure);
                    log.info("the saved session cannot be resumed ({}); logging in again", Failures.describe(failure));
                    store.clear();
                    return logInAgain(WxHosts.forApiHost(saved.get().apiHost()), saved.get().credentials().uin());
                })
                : logins.run(LoginGuard.Kind.FRESH, this::qrLogin);
        return online.handle((self, failure) -> {
            if (failure == null) return self;
            Throwable cause = Failures.cause(failure);
            String why = cause instanceof LoginRefusedException refused
                    ? refused.getMessage() + " (desktop mode is " + (options.desktopMode() ? "on" : "off") + ")"
                    : cause instanceof LoginHeldException held ? held.getMessage()
                    : "login failed: " + Failures.describe(cause);
            LoginFailedException error = new LoginFailedException(why, cause);
            ended.completeExceptionally(error);
            throw new CompletionException(error);
        });
    }

    private CompletableFuture<Contact> qrLogin() {
        LoginCalls loginCalls = new LoginCalls(caller, options.desktopMode(), options.lang(), options.loginPollTimeout());
        loginFlow = new LoginFlow(loginCalls, this::progress, delays, options.maxQrCodes());
        return loginFlow.run()
                .thenCompose(loginCalls::newLoginPage)
                .thenCompose(login -> initialise(login.hosts(), login.credentials(), Optional.empty()));
    }

    /**
     * The session's one path for logging in again once it had been logged in: a push login, else a QR code. Taken
     * when a saved session cannot be resumed, and by the watchdog's fresh login of a zombie session (the login-churn
     * guard belongs here, so that neither can get past it).
     */
    private CompletableFuture<Contact> logInAgain(WxHosts hosts, long uin) {
        // The push and the QR code it falls back to are one fresh login for the login-churn guard; the watchdog's
        // re-login comes through here too, so nothing logs in around the guard.
        return logins.run(LoginGuard.Kind.FRESH, () -> pushLogin(hosts, uin).exceptionallyCompose(pushFailure -> {
            log.info("no push login ({}); showing a QR code", Failures.describe(pushFailure));
            return qrLogin();
        }));
    }

    /**
     * Push login (PROTOCOL.md 2.7, openwechat's PushLogin): with the saved uin and the cookies of the earlier login
     * (restored into the jar by {@link #resume}, or still there from the running session), the phone is asked to
     * confirm; no QR code is shown. Fails when the cookies cannot support it or the phone does not confirm.
     */
    private CompletableFuture<Contact> pushLogin(WxHosts hosts, long uin) {
        boolean hasCookies = caller.cookies().value("wxuin", hosts.apiHost()).isPresent()
                && caller.cookies().value("webwx_auth_ticket", hosts.apiHost()).isPresent();
        if (uin <= 0 || !hasCookies) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the saved session has no wxuin/webwx_auth_ticket cookies for " + hosts.apiHost()));
        }
        LoginCalls loginCalls = new LoginCalls(caller, options.desktopMode(), options.lang(), options.loginPollTimeout());
        LoginFlow flow = new LoginFlow(loginCalls, this::progress, delays, options.maxQrCodes());
        loginFlow = flow;
        return loginCalls.pushLogin(hosts, uin)
                .thenCompose(flow::runPush)
                .thenCompose(loginCalls::newLoginPage)
                .thenCompose(login -> initialise(login.hosts(), login.credentials(), Optional.empty()));
    }

    /** Restores cookies and credentials and carries on from the saved cursors (openwechat's HotLogin). */
    private CompletableFuture<Contact> resume(SessionSnapshot saved) {
        caller.cookies().restore(saved.cookies());
        recent.addAll(saved.recentMsgIds());
        log.info("resuming the session saved at {}", saved.savedAt());
        return initialise(WxHosts.forApiHost(saved.apiHost()), saved.credentials(), Optional.of(saved));
    }

    /**
     * Stops receiving without logging out on the server. Returns once the session file is final: a save under way
     * is waited for, the newest state still asked for is written, and nothing is written after (PROTOCOL.md says
     * nothing here; this is so a caller may copy, delete or reuse the file as soon as stop returns). Blocks on that
     * save; not to be called on an event loop.
     */
    public void stop() {
        stop(Duration.ZERO);
    }

    /**
     * Stops fetching, lets what was received finish for at most {@code drain} (sends still go out meanwhile), then
     * ends the journal (what is unfinished stays for the next start), the sends still waiting, and the session
     * file, as {@link #stop()}.
     */
    public void stop(Duration drain) {
        stopping = true;
        LoginFlow flow = loginFlow;
        if (flow != null) flow.cancel();
        SyncLoop loop = syncLoop;
        if (loop != null) {
            if (drain.isPositive()) loop.peekOnly(); else loop.halt();
        }
        if (drain.isPositive()) {
            try {
                int left = intake.drain(drain);
                if (left > 0) {
                    log.warn("{} received message(s) were still being handled after the drain time of {} ms; they "
                            + "stay journaled and are handled again on the next start", left, drain.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (loop != null) loop.halt();
        logins.settle(); // the guard's record is final too when stop returns, as the session file is
        journal.close();
        long unsent = outbox.pendingCount();
        outbox.close(); // before the governor: sends it cuts off stay pending, to go out after the restart
        if (unsent > 0) {
            log.info("{} send(s) not answered by the server yet are kept in the outbox for the next start", unsent);
        }
        if (loop != null) loop.stop(LoggedOut.Reason.LOGGED_OUT_BY_CLIENT);
        watchdog.stop();
        governor.close();
        snapshots.close();
    }

    /** Logs out on the server (webwxlogout), then stops. */
    public CompletableFuture<Void> logout() {
        SessionCalls current = calls;
        SessionState currentState = state;
        if (current == null || currentState == null) {
            stop();
            return CompletableFuture.completedFuture(null);
        }
        return current.logout(currentState.credentials())
                .exceptionally(failure -> {
                    log.warn("webwxlogout failed ({}); stopping anyway", Failures.describe(failure));
                    return null;
                })
                // Off the event loop the answer completes on: stop waits for the session file, clear deletes it.
                .whenCompleteAsync((ignored, failure) -> {
                    stop();
                    store.clear();
                }, Thread::startVirtualThread);
    }

    /**
     * webwxinit, statusnotify, the address book and the groups, then online. A resumed session keeps its saved
     * cursors rather than init's, so messages that arrived while the bot was down are still fetched.
     */
    private CompletableFuture<Contact> initialise(WxHosts hosts, Credentials credentials, Optional<SessionSnapshot> saved) {
        SessionCalls sessionCalls = new SessionCalls(caller, hosts, options.lang(), options.syncCheckTimeout(),
                options.callTimeout());
        boolean resumed = saved.isPresent();
        return sessionCalls.init(credentials).thenCompose(init -> {
            SyncKey syncKey = saved.map(SessionSnapshot::syncKey).filter(key -> !key.isEmpty()).orElse(init.syncKey());
            SyncKey checkKey = saved.map(SessionSnapshot::syncCheckKey).orElse(SyncKey.EMPTY);
            SessionState sessionState = new SessionState(credentials.withSkey(init.skey()), syncKey, checkKey);
            Contact self = contacts.setSelf(init.user());
            init.contacts().forEach(contacts::put);
            GroupFetcher groups = new GroupFetcher(sessionCalls, () -> sessionState, contacts);
            List<String> recentChats = Arrays.asList(init.chatSet().split(","));
            return sessionCalls.notifyInited(sessionState.credentials(), self.userName())
                    .thenCompose(ignored -> loadContacts(sessionCalls, sessionState, 0, 0))
                    .thenCompose(ignored -> groups.fetchAll(concat(contacts.groupUserNames(), recentChats)))
                    .thenApply(ignored -> goOnline(sessionCalls, sessionState, groups, self, resumed));
        });
    }

    private CompletableFuture<Void> loadContacts(SessionCalls sessionCalls, SessionState sessionState, long seq, int page) {
        return sessionCalls.contactPage(sessionState.credentials(), seq).thenCompose(result -> {
            for (JsonNode member : result.members()) {
                contacts.put(member);
            }
            progress(new LoginProgress.LoadingContacts(contacts.size()));
            boolean more = result.nextSeq() != 0 && result.nextSeq() != seq && page + 1 < MAX_CONTACT_PAGES;
            return more ? loadContacts(sessionCalls, sessionState, result.nextSeq(), page + 1)
                    : CompletableFuture.completedFuture(null);
        });
    }

    private void changeIdentityTags() {
        try {
            IdentityTagging tagging = options.identityTagging();
            switch (tagging.mode()) {
                case WRITE -> IdentityTagger.tag(bot, tagging.perLogin(), new SecureRandom());
                case REMOVE -> IdentityTagger.untag(bot, tagging.perLogin());
                case OFF -> { }
            }
        } catch (RuntimeException e) {
            log.warn("identity tags not changed: {}", e.toString());
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Contact goOnline(SessionCalls sessionCalls, SessionState sessionState, GroupFetcher groups, Contact self,
                             boolean resumed) {
        calls = sessionCalls;
        state = sessionState;
        SyncLoop loop = new SyncLoop(sessionCalls, sessionState, contacts, groups, intake, delays,
                () -> saveSnapshot(sessionCalls, sessionState, self), governor.echoes(), monitor,
                new ContactEvents(contacts, Clock.systemUTC()), this::event, watchdog);
        boolean again = relogging;
        syncLoop = loop;
        // A stop that began before syncLoop was set did not see this loop, and has closed (or is closing) the
        // journal it would take messages into: end it here instead of polling into a closed journal. (Both fields are
        // volatile, written before read on each side, so one of the two sees the other.)
        if (stopping) {
            // nothing journaled is replayed or abandoned: it stays for the next start
            loop.ended().thenAccept(ended::complete);
            loop.stop(LoggedOut.Reason.LOGGED_OUT_BY_CLIENT);
            return self;
        }
        progress(new LoginProgress.Online(self, contacts.size()));
        event(new LoggedIn(self, contacts.size(), Instant.now()));
        if (options.identityTagging().mode() != IdentityTagging.Mode.OFF) {
            // Off the network thread: each remark write waits for the send governor.
            loop.caughtUp().thenRunAsync(this::changeIdentityTags, Thread::startVirtualThread);
        }
        if (options.safety().takeover().enabled() || options.safety().loops().enabled()) {
            // Without them only the operator pauses, and those pauses end when next looked at: no timer per session.
            safety.sweepEvery(PAUSE_SWEEP, delays::after, () -> loop.ended().isDone() || stopping);
        }
        loop.ended().thenAccept(loggedOut -> {
            watchdog.stop();
            governor.close();
            event(loggedOut);
            ended.complete(loggedOut);
        });
        saveSnapshot(sessionCalls, sessionState, self);
        // Before the loop starts: what an earlier run left unfinished goes first, in its order, chat by chat.
        if (again) {
            // The watchdog's fresh login: this run's own messages and sends are still under way; nothing to settle.
            relogging = false;
        } else if (resumed) {
            bot.sends().resumeLeftovers(); // first: a replayed answer then joins its leftover instead of sending
            intake.replayPending();
        } else {
            intake.abandonPending();
            bot.sends().abandonLeftovers();
        }
        loop.start();
        watchdog.start(transport.eventLoopGroup());
        return self;
    }

    /** What the watchdog does to this session: probe, webwxinit, a fresh login, or the end. */
    private final class WatchdogRecovery implements Watchdog.Recovery {
        @Override
        public boolean receiving() {
            return !stopping && !relogging && syncLoop != null;
        }

        @Override
        public CompletableFuture<String> sendProbe(String text) {
            Contact fileHelper = contacts.byUserName(Watchdog.FILE_HELPER).orElse(
                    new Contact(Watchdog.FILE_HELPER, "File Transfer", "", "", ContactKind.SPECIAL, ""));
            // Off the timer's event loop: a send may write the outbox journal first.
            return CompletableFuture.supplyAsync(() -> bot.sendAsync(fileHelper, Outgoing.text(text)),
                            task -> Thread.ofVirtual().name("webwx-watchdog").start(task))
                    .thenCompose(sending -> sending)
                    .thenCompose(receipt -> switch (receipt) {
                case SendReceipt.Sent sent -> CompletableFuture.completedFuture(sent.msgId());
                case SendReceipt.Failed failed -> CompletableFuture.failedFuture(
                        new IllegalStateException(failed.reason() + " " + failed.detail()));
            });
        }

        @Override
        public CompletableFuture<Void> reinitialise() {
            SessionCalls current = calls;
            SessionState currentState = state;
            if (current == null || currentState == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not online"));
            }
            // The dedupe of message ids (recent) stays: what the server now delivers again reaches plugins once.
            return current.init(currentState.credentials()).thenAccept(init -> {
                init.contacts().forEach(contacts::put);
                currentState.restartFrom(init.syncKey(), init.skey());
            });
        }

        @Override
        public CompletableFuture<Void> logInAgain() {
            SessionCalls current = calls;
            SessionState currentState = state;
            SyncLoop old = syncLoop;
            if (current == null || currentState == null || stopping) {
                return CompletableFuture.failedFuture(new IllegalStateException("not online"));
            }
            relogging = true;
            if (old != null) old.halt(); // before the new login ends this session on the server
            contacts.forgetSessionNames(); // user names are per login (PROTOCOL.md 0.5)
            return SessionEngine.this.logInAgain(current.hosts(), currentState.credentials().uin())
                    .whenComplete((self, failure) -> {
                        if (failure != null) relogging = false;
                    })
                    .thenApply(self -> null);
        }

        @Override
        public void giveUp(String why) {
            SyncLoop loop = syncLoop;
            if (loop != null) loop.stop(LoggedOut.Reason.OTHER);
        }
    }

    private void saveSnapshot(SessionCalls sessionCalls, SessionState sessionState, Contact self) {
        snapshots.request(() -> new SessionSnapshot(SessionSnapshot.CURRENT_VERSION, sessionCalls.hosts().apiHost(),
                sessionState.credentials(), self.userName(), sessionState.syncKey(), sessionState.syncCheckKey(),
                caller.cookies().all(), recent.snapshot(), Instant.now()));
    }

    private void progress(LoginProgress progress) {
        try {
            listener.onLoginProgress(progress);
        } catch (RuntimeException e) {
            log.warn("a session listener failed on {}: {}", progress.getClass().getSimpleName(), e.toString());
        }
    }

    /** Every received message passes here: the one place to see the server's "too frequent" notice. */
    private CompletionStage<?> message(MessageEvent message, long stamp) {
        if (message instanceof SystemNotice notice && TooFrequentNotice.matches(notice.text())) {
            governor.tooFrequentNoticed();
        }
        try {
            // Before the plugins: a takeover or a loop pauses the chat for this very message.
            safety.received(message, message.envelope().fromSelf()
                    && (governor.echoes().isOwnSend(message.msgId(), message.chat().userName())
                    || outbox.sentAs(message.msgId())));
        } catch (RuntimeException e) {
            log.warn("the safety checks failed on message {}: {}", message.msgId(), e.toString());
        }
        return listener.onMessage(message, bot.answering(stamp));
    }

    private void event(dev.webwxbot.api.event.BotEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("a session listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }
}
