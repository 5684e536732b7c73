package dev.webwxbot.testkit;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.History;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The session's bot as the chain gets it for one message: everything is the session's, and every send is also
 * written down in that message's {@link Handling}. Thread-safe as the session's bot is.
 */
final class AttributingBot implements Bot {

    private final Bot session;
    private final Handling handling;

    AttributingBot(Bot session, Handling handling) {
        this.session = Objects.requireNonNull(session, "session");
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        SendReceipt receipt;
        try {
            receipt = session.send(chat, message);
        } catch (RuntimeException e) {
            handling.sent(new Handling.Send(chat, message, Optional.empty(), Optional.of(e)));
            throw e;
        }
        handling.sent(new Handling.Send(chat, message, Optional.of(receipt), Optional.empty()));
        return receipt;
    }

    @Override
    public Contact self() {
        return session.self();
    }

    @Override
    public Contacts contacts() {
        return session.contacts();
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return session.revoke(receipt);
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return session.download(event, directory);
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return session.downloadThumbnail(event, directory);
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return session.downloadHeadImage(contact, directory);
    }

    @Override
    public AccountOperations account() {
        return session.account();
    }

    @Override
    public History history() {
        return session.history();
    }
}
