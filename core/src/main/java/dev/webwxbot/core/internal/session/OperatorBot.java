package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.ForwardingBot;
import dev.webwxbot.core.IdentifiedSends;

/**
 * The session's bot as the operator uses it (the HTTP API): its sends go out in paused chats too, since a person
 * asked for them; the account's send ceiling still holds. Everything else is the session's bot. Thread-safe.
 */
final class OperatorBot extends ForwardingBot implements IdentifiedSends {

    private final SessionBot session;

    OperatorBot(SessionBot session) {
        super(session);
        this.session = session;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        return send(chat, message, nextClientId());
    }

    @Override
    public String nextClientId() {
        return session.nextClientId();
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message, String clientId) {
        return session.sendAsOperator(chat, message, clientId);
    }
}
