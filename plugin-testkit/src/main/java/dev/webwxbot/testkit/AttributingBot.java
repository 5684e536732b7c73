package dev.webwxbot.testkit;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.ForwardingBot;
import java.util.Objects;
import java.util.Optional;

/**
 * The session's bot as the chain gets it for one message: everything is the session's, and every send is also
 * written down in that message's {@link Handling}. Thread-safe as the session's bot is.
 */
final class AttributingBot extends ForwardingBot {

    private final Handling handling;

    AttributingBot(Bot session, Handling handling) {
        super(session);
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        SendReceipt receipt;
        try {
            receipt = super.send(chat, message);
        } catch (RuntimeException e) {
            handling.sent(new Handling.Send(chat, message, Optional.empty(), Optional.of(e)));
            throw e;
        }
        handling.sent(new Handling.Send(chat, message, Optional.of(receipt), Optional.empty()));
        return receipt;
    }

}
