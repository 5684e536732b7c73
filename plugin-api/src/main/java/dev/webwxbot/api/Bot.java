package dev.webwxbot.api;

/**
 * The narrow API a plugin acts through: who am I, who do I know, and sending.
 *
 * <p>Thread-safe. Every method may block on the network (handlers run on virtual threads, so that is cheap);
 * none of them throws for a refusal by the server, which comes back as a {@link SendReceipt.Failed}.
 */
public interface Bot {

    /** The logged-in account. */
    Contact self();

    /** The address book as the session currently knows it. */
    Contacts contacts();

    /** Sends a text message to a friend, group or special account such as {@code filehelper}. */
    SendReceipt sendText(Contact chat, String text);
}
