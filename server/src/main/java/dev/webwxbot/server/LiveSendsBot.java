package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.ForwardingBot;
import dev.webwxbot.server.api.LiveEvents;

/**
 * The outermost bot the daemon hands out: each send, once it has its receipt, goes to the live event stream (the web
 * console shows the bot's answers and the operator's sends as they happen). Thread-safe when the delegate is.
 */
final class LiveSendsBot extends ForwardingBot {

    private final String account;
    private final LiveEvents live;

    private LiveSendsBot(String account, Bot bot, LiveEvents live) {
        super(bot);
        this.account = account;
        this.live = live;
    }

    static Bot wrap(String account, Bot bot, LiveEvents live) {
        return bot instanceof LiveSendsBot ? bot : new LiveSendsBot(account, bot, live);
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        SendReceipt receipt = super.send(chat, message);
        live.sent(account, chat, message, receipt);
        return receipt;
    }
}
