package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Bot} handed over with one received message: its sends get client ids derived from the journal's
 * stamp of that message and their order (the first answer, the second …), so that when the message is handled
 * again after a crash or a stop, each answer is recognised by the outbox and not sent twice. Everything else is
 * the session's own bot. Thread-safe; answers sent from several threads at once get distinct ids, in the order
 * they call.
 */
final class AnsweringBot implements Bot {

    private final SessionBot session;
    private final long stamp;
    private final AtomicInteger answers = new AtomicInteger();

    AnsweringBot(SessionBot session, long stamp) {
        this.session = session;
        this.stamp = stamp;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        int n = answers.getAndIncrement();
        return OutboxSender.answerId(stamp, n)
                .map(localId -> session.send(chat, message, localId))
                .orElseGet(() -> session.send(chat, message));
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
}
