package dev.webwxbot.core;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;

/**
 * A session's bot whose sends can be told their client id ({@code LocalID}, the outbox's key) before they leave,
 * so a caller that keeps its own record of sends (the daemon's message store) files each under the id the outbox
 * keeps: a send the outbox finishes after a restart is then reported under that id
 * ({@link SessionMonitor#leftoverSettled}). The bots a session hands out implement it; check with
 * {@code instanceof}.
 */
public interface IdentifiedSends {

    /** The client id the next send should carry: the same scheme the bot's own {@code send} would use. */
    String nextClientId();

    /** Sends {@code message} under {@code clientId} (from {@link #nextClientId}); a known id is not sent again. */
    SendReceipt send(Contact chat, Outgoing message, String clientId);
}
