package dev.webwxbot.core;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.emulator.Account;
import java.time.Duration;

/** A session of {@code client} logged in as {@code account} (the emulator's phone scans and confirms), for tests. */
final class OnlineSession {

    private final PhoneLogin login;
    private final Session session;

    private OnlineSession(WebWxClient client, Account account, SessionOptions options) throws Exception {
        login = new PhoneLogin(account);
        session = PhoneLogin.online(client, options, login);
    }

    static OnlineSession logIn(WebWxClient client, Account account, SessionOptions options) throws Exception {
        return new OnlineSession(client, account, options);
    }

    Session session() {
        return session;
    }

    Bot bot() {
        return session.bot();
    }

    /** The next message of {@code type} with {@code msgId} (any id when null), skipping others. */
    <T extends MessageEvent> T next(Class<T> type, String msgId) throws InterruptedException {
        return login.next(type, msgId, Duration.ofSeconds(20));
    }
}
