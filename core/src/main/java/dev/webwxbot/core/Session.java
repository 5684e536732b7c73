package dev.webwxbot.core;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.internal.session.SessionEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One WeChat account, from QR login until the session ends.
 *
 * <pre>{@code
 * try (WebWxClient client = WebWxClient.builder().build()) {
 *     Session session = client.newSession(SessionOptions.defaults(), new SessionListener() {
 *         public void onLoginProgress(LoginProgress p) { if (p instanceof LoginProgress.QrCode qr) show(qr.content()); }
 *         public void onEvent(BotEvent e) { System.out.println(e); }
 *     });
 *     session.start().join();          // online
 *     session.ended().join();          // until logged out
 * }
 * }</pre>
 *
 * <p>Thread-safe. A session holds no thread of its own: it lives on its client's event loop, which its client
 * closes. Call {@link #stop()} or {@link #logout()} to end it early.
 */
public final class Session {

    private final SessionEngine engine;

    Session(SessionEngine engine) {
        this.engine = engine;
    }

    /** Logs in (the listener is shown QR codes) and starts receiving; completes with the account once online. */
    public CompletableFuture<Contact> start() {
        return engine.start();
    }

    /** Completes when the session ends, with the reason; exceptionally with a {@link LoginFailedException}. */
    public CompletableFuture<LoggedOut> ended() {
        return engine.ended();
    }

    /** The API plugins act through. Sends fail with {@code LOGGED_OUT} until the session is online. */
    public Bot bot() {
        return engine.bot();
    }

    /**
     * The bot the operator sends through (the daemon's HTTP API): as {@link #bot()}, but its sends go out in chats
     * the safety behaviours paused ({@link #pauses()}); the account's send ceiling still holds.
     */
    public Bot operatorBot() {
        return engine.operatorBot();
    }

    /**
     * The chats the bot does not answer in now (human takeover, a reply loop, a send ceiling, the owner's or
     * operator's pause), as {@link SessionOptions#withSafety} configures them; the operator pauses and resumes
     * chats here. A plugin chain skips their messages when told of them ({@code PluginHost.pauses}).
     */
    public ChatPauses pauses() {
        return engine.pauses();
    }

    /** What its send governor is doing now: the rate in force, queued sends, a throttle's pause. */
    public SendState sendState() {
        return engine.sendState();
    }

    /**
     * How a send made with {@code clientId} (its {@code localId}) ended, when the session's outbox knows it settled:
     * this run's sends and an earlier run's, as far back as the outbox remembers. Empty while it is under way, and
     * for a send the outbox does not know. For a record of sends kept elsewhere (the daemon's message store) that an
     * earlier run may have stopped before updating.
     */
    public Optional<SendReceipt> settledSend(String clientId) {
        return engine.settledSend(clientId);
    }

    /**
     * Stops receiving; the server-side session stays valid. When it returns the session file holds the newest state
     * and is no longer written (a save under way is waited for). Blocks briefly on that save: call it from an
     * ordinary or virtual thread, not from a callback running on the client's event loop.
     */
    public void stop() {
        engine.stop();
    }

    /**
     * A graceful stop: stops fetching, lets the messages already received be handled for at most {@code drain}
     * (their answers are still sent), then stops as {@link #stop()}. What is still unfinished after the drain stays
     * in the journal ({@link SessionOptions#withJournalDirectory}) and is handled when the session next resumes.
     * Blocks for up to the drain time; not for the client's event loop.
     */
    public void stop(Duration drain) {
        engine.stop(drain);
    }

    /** Logs out on the server, then stops. */
    public CompletableFuture<Void> logout() {
        return engine.logout();
    }
}
