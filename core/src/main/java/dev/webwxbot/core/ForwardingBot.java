package dev.webwxbot.core;

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

/**
 * A {@link Bot} that hands every call to another: the base of the bots that change one thing about the session's
 * bot (how sends are identified, whether they are still allowed, what is noted or recorded of them). Subclasses
 * override what they change; everything else, {@link #history()} included, reaches the delegate, so a wrapper
 * never hides what the bot under it offers. Thread-safe when the delegate is.
 */
public abstract class ForwardingBot implements Bot {

    private final Bot delegate;

    protected ForwardingBot(Bot delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Contact self() {
        return delegate.self();
    }

    @Override
    public Contacts contacts() {
        return delegate.contacts();
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        return delegate.send(chat, message);
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return delegate.revoke(receipt);
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return delegate.download(event, directory);
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return delegate.downloadThumbnail(event, directory);
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return delegate.downloadHeadImage(contact, directory);
    }

    @Override
    public AccountOperations account() {
        return delegate.account();
    }

    @Override
    public History history() {
        return delegate.history();
    }
}
