package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.http.HttpTransport;
import dev.webwxbot.core.internal.http.OriginResolver;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real session engine logged in to an emulator account over loopback, as a person would do it (scan, confirm),
 * with access to its {@link SessionBot} and governor. Closes its transport; the caller closes the emulator.
 */
final class OnlineBot implements AutoCloseable {

    final HttpTransport transport;
    final SessionEngine engine;
    final BlockingQueue<BotEvent> events;

    OnlineBot(Emulator emulator, Account account, SessionOptions options) throws Exception {
        this(emulator, account, options, OriginResolver.fixed(URI.create(emulator.baseUrl())));
    }

    /** With a resolver of the test's, e.g. one that sends some requests to a port that refuses connections. */
    OnlineBot(Emulator emulator, Account account, SessionOptions options, OriginResolver resolver) throws Exception {
        this(resolver, options, new PhoneLogin(account), SessionEngine.SAVE_INTERVAL);
    }

    /** With the test's listener, and session-file saves at most once per {@code saveInterval}. */
    OnlineBot(Emulator emulator, SessionOptions options, PhoneLogin login, Duration saveInterval) throws Exception {
        this(OriginResolver.fixed(URI.create(emulator.baseUrl())), options, login, saveInterval);
    }

    private OnlineBot(OriginResolver resolver, SessionOptions options, PhoneLogin login, Duration saveInterval)
            throws Exception {
        transport = HttpTransport.builder().resolver(resolver).build();
        events = login.events;
        engine = new SessionEngine(transport, options, login, saveInterval);
        engine.start().get(30, TimeUnit.SECONDS);
    }

    SessionBot bot() {
        return (SessionBot) engine.bot();
    }

    Contact contact(String userName) {
        return bot().contacts().byUserName(userName)
                .orElseThrow(() -> new AssertionError("the session does not know " + userName));
    }

    @Override
    public void close() {
        engine.stop();
        transport.close();
    }
}
