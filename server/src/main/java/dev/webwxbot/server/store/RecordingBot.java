package dev.webwxbot.server.store;

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

/**
 * The bot the daemon hands to plugins and uses for the API's sends: each send is recorded as {@code queued}
 * before it leaves and gets its receipt or failure after; {@link #history()} reads the store. Everything else is
 * the session's bot unchanged.
 */
final class RecordingBot implements Bot {

    private final String account;
    private final Bot bot;
    private final MessageLog log;

    RecordingBot(String account, Bot bot, MessageLog log) {
        this.account = account;
        this.bot = bot;
        this.log = log;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        String localId = log.queued(account, bot.self(), chat, message);
        SendReceipt receipt = bot.send(chat, message);
        log.sent(account, localId, receipt);
        return receipt;
    }

    @Override
    public History history() {
        return log.history(account);
    }

    @Override
    public Contact self() {
        return bot.self();
    }

    @Override
    public Contacts contacts() {
        return bot.contacts();
    }

    @Override
    public Result<Void> revoke(SendReceipt.Sent receipt) {
        return bot.revoke(receipt);
    }

    @Override
    public Result<Path> download(MessageEvent event, Path directory) {
        return bot.download(event, directory);
    }

    @Override
    public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
        return bot.downloadThumbnail(event, directory);
    }

    @Override
    public Result<Path> downloadHeadImage(Contact contact, Path directory) {
        return bot.downloadHeadImage(contact, directory);
    }

    @Override
    public AccountOperations account() {
        return bot.account();
    }
}
