package dev.webwxbot.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.LoginFailedException;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.http.HttpTransport;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.LoginCalls;
import dev.webwxbot.core.internal.protocol.LoginRefusedException;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.protocol.WxCaller;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    private final HttpTransport transport;
    private final SessionOptions options;
    private final SessionListener listener;
    private final WxCaller caller;
    private final Delays delays;
    private final ContactBook contacts = new ContactBook();
    private final CompletableFuture<LoggedOut> ended = new CompletableFuture<>();
    private final SessionBot bot;
    private volatile SessionCalls calls;
    private volatile SessionState state;
    private volatile SyncLoop syncLoop;
    private volatile LoginFlow loginFlow;

    public SessionEngine(HttpTransport transport, SessionOptions options, SessionListener listener) {
        this.transport = transport;
        this.options = options;
        this.listener = listener;
        this.caller = new WxCaller(transport, new CookieJar(), options.desktopMode());
        this.delays = new Delays(transport.eventLoopGroup());
        this.bot = new SessionBot(contacts, () -> calls, () -> state);
    }

    public Bot bot() {
        return bot;
    }

    public CompletableFuture<LoggedOut> ended() {
        return ended;
    }

    /** Logs in and starts receiving; completes with the logged-in account once online. */
    public CompletableFuture<Contact> start() {
        LoginCalls loginCalls = new LoginCalls(caller, options.desktopMode(), options.lang(), options.loginPollTimeout());
        loginFlow = new LoginFlow(loginCalls, this::progress, delays, options.maxQrCodes());
        CompletableFuture<Contact> online = loginFlow.run()
                .thenCompose(loginCalls::newLoginPage)
                .thenCompose(this::initialise)
                .handle((self, failure) -> {
                    if (failure == null) return self;
                    Throwable cause = Failures.cause(failure);
                    String why = cause instanceof LoginRefusedException refused
                            ? refused.getMessage() + " (desktop mode is " + (options.desktopMode() ? "on" : "off") + ")"
                            : "login failed: " + Failures.describe(cause);
                    LoginFailedException error = new LoginFailedException(why, cause);
                    ended.completeExceptionally(error);
                    throw new CompletionException(error);
                });
        return online;
    }

    /** Stops receiving without logging out on the server. */
    public void stop() {
        LoginFlow flow = loginFlow;
        if (flow != null) flow.cancel();
        SyncLoop loop = syncLoop;
        if (loop != null) loop.stop(LoggedOut.Reason.LOGGED_OUT_BY_CLIENT);
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
                .whenComplete((ignored, failure) -> stop());
    }

    private CompletableFuture<Contact> initialise(LoginCalls.LoginResult login) {
        SessionCalls sessionCalls = new SessionCalls(caller, login.hosts(), options.lang(), options.syncCheckTimeout());
        Credentials credentials = login.credentials();
        return sessionCalls.init(credentials).thenCompose(init -> {
            SessionState sessionState = new SessionState(credentials.withSkey(init.skey()), init.syncKey());
            Contact self = contacts.setSelf(init.user());
            init.contacts().forEach(contacts::put);
            return sessionCalls.notifyInited(sessionState.credentials(), self.userName())
                    .thenCompose(ignored -> loadContacts(sessionCalls, sessionState, 0, 0))
                    .thenApply(ignored -> goOnline(sessionCalls, sessionState, self));
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

    private Contact goOnline(SessionCalls sessionCalls, SessionState sessionState, Contact self) {
        calls = sessionCalls;
        state = sessionState;
        SyncLoop loop = new SyncLoop(sessionCalls, sessionState, contacts, this::event, delays);
        syncLoop = loop;
        progress(new LoginProgress.Online(self, contacts.size()));
        event(new LoggedIn(self, contacts.size(), Instant.now()));
        loop.ended().thenAccept(loggedOut -> {
            event(loggedOut);
            ended.complete(loggedOut);
        });
        loop.start();
        return self;
    }

    private void progress(LoginProgress progress) {
        try {
            listener.onLoginProgress(progress);
        } catch (RuntimeException e) {
            log.warn("a session listener failed on {}: {}", progress.getClass().getSimpleName(), e.toString());
        }
    }

    private void event(dev.webwxbot.api.event.BotEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("a session listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }
}
