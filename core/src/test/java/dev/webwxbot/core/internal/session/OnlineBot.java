package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The real client logged in to an emulator account over loopback, as a person would do it (scan, confirm), with
 * access to the session's {@link SessionBot} for asynchronous sends. Closes the client; the caller closes the
 * emulator.
 */
final class OnlineBot implements AutoCloseable {

    final WebWxClient client;
    final Session session;

    OnlineBot(Emulator emulator, Account account, SessionOptions options) throws Exception {
        client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
        session = client.newSession(options, new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(() -> account.phone().confirm());
            }

            @Override
            public void onEvent(BotEvent event) {
            }
        });
        session.start().get(30, TimeUnit.SECONDS);
    }

    SessionBot bot() {
        return (SessionBot) session.bot();
    }

    Contact contact(String userName) {
        return bot().contacts().byUserName(userName)
                .orElseThrow(() -> new AssertionError("the session does not know " + userName));
    }

    @Override
    public void close() {
        client.close();
    }
}
