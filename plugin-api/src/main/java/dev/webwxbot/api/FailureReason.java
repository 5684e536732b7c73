package dev.webwxbot.api;

/** Why a send or an account operation did not happen. */
public enum FailureReason {
    /** The server limits how fast this account may act (Ret 1205). */
    THROTTLED,
    /** The recipient is not a friend (Ret 1204). */
    NOT_A_FRIEND,
    /** The session is over (Ret 1100, 1101, 1102) or not yet online. */
    LOGGED_OUT,
    /** The chat is unknown to this session. */
    UNKNOWN_CHAT,
    /** The content is larger than the protocol or the configured limits allow. */
    TOO_LARGE,
    /** The request itself was wrong: a missing or unreadable file, an event without media, an empty text. */
    INVALID_REQUEST,
    /** The time allowed for it is over, such as revoking a message after the server's window. */
    EXPIRED,
    /** The server could not be reached or did not answer in time. */
    NETWORK,
    /** The server refused for another reason. */
    REJECTED,
    /**
     * The send was given up, but one of its attempts may have reached the chat: its request was written, its answer
     * was lost, and the server's echo of the message did not arrive in time. Sending it again may duplicate it.
     */
    UNCONFIRMED
}
