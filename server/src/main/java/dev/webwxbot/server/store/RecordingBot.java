package dev.webwxbot.server.store;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.History;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.ForwardingBot;
import dev.webwxbot.core.IdentifiedSends;
import java.util.UUID;

/**
 * The bot the daemon hands to plugins and uses for the API's sends: each send is recorded as {@code queued}
 * before it leaves and gets its receipt or failure after (a send cut off by a crash gets it when the outbox finishes it
 * after the restart); {@link #history()} reads the store. Everything else is
 * the session's bot unchanged.
 */
final class RecordingBot extends ForwardingBot {

    private final String account;
    private final Bot bot;
    private final MessageLog log;

    RecordingBot(String account, Bot bot, MessageLog log) {
        super(bot);
        this.account = account;
        this.bot = bot;
        this.log = log;
    }

    /**
     * Files the send under the client id the session's outbox keeps it by (when the session's bot tells it ahead),
     * so a send the outbox finishes after a restart fills this same row ({@link MessageLog#settled}).
     */
    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        if (bot instanceof IdentifiedSends identified) {
            String clientId = identified.nextClientId();
            log.queued(account, bot.self(), chat, message, clientId);
            SendReceipt receipt = identified.send(chat, message, clientId);
            log.sent(account, clientId, receipt);
            return receipt;
        }
        String localId = UUID.randomUUID().toString();
        log.queued(account, bot.self(), chat, message, localId);
        SendReceipt receipt = bot.send(chat, message);
        log.sent(account, localId, receipt);
        return receipt;
    }

    @Override
    public History history() {
        return log.history(account);
    }

}
