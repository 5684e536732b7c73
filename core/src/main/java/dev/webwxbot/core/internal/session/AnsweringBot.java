package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.AnswerOrder;
import dev.webwxbot.core.ForwardingBot;
import dev.webwxbot.core.IdentifiedSends;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Bot} handed over with one received message: its sends get client ids derived from the journal's
 * stamp of that message and their order (the first answer, the second …), so that when the message is handled
 * again after a crash or a stop, each answer is recognised by the outbox and not sent twice. Everything else is
 * the session's own bot. Thread-safe; answers sent from several threads at once get distinct ids, in the order
 * they call.
 */
final class AnsweringBot extends ForwardingBot implements IdentifiedSends {

    private final SessionBot session;
    private final long stamp;
    private final AtomicInteger answers = new AtomicInteger();

    AnsweringBot(SessionBot session, long stamp) {
        super(session);
        this.session = session;
        this.stamp = stamp;
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message) {
        return send(chat, message, nextClientId());
    }

    /**
     * The next answer's id (or the one {@link AnswerOrder} names, for a chain run elsewhere); past the ids set aside
     * for answers, a fresh one (which a replay may repeat).
     */
    @Override
    public String nextClientId() {
        int n = AnswerOrder.current().orElseGet(answers::getAndIncrement);
        return OutboxSender.answerId(stamp, n).orElseGet(session::nextClientId);
    }

    @Override
    public SendReceipt send(Contact chat, Outgoing message, String clientId) {
        return session.send(chat, message, clientId);
    }
}
