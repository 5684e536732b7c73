package dev.webwxbot.core.chain;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A phone login whose session hands every event to a plugin host, with the bot of the session it came from, as
 * the launcher wires it; the events are queued for the test too.
 */
final class HostedLogin extends PhoneLogin {

    private final PluginHost host;
    private volatile Session session;

    private HostedLogin(Account account, PluginHost host) {
        super(account);
        this.host = host;
    }

    /** Logs a new session of {@code client} in with the account's phone and waits until it is online. */
    static HostedLogin online(WebWxClient client, Account account, PluginHost host, Duration wait) throws Exception {
        return online(client, account, host, SessionOptions.defaults(), wait);
    }

    /** As {@link #online(WebWxClient, Account, PluginHost, Duration)}, the session started with {@code options}. */
    static HostedLogin online(WebWxClient client, Account account, PluginHost host, SessionOptions options,
                              Duration wait) throws Exception {
        HostedLogin login = new HostedLogin(account, host);
        login.session = client.newSession(options, login);
        login.session.start().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        return login;
    }

    Session session() {
        return session;
    }

    @Override
    public void onEvent(BotEvent event) {
        super.onEvent(event);
        host.dispatch(event, session.bot());
    }
}
