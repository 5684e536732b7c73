package dev.webwxbot.emulator;

import java.util.Locale;

/**
 * What an injected fault does (see {@link Faults}). Transport faults work on any endpoint; protocol faults only where
 * PROTOCOL.md says the real server behaves that way (named per constant).
 */
public enum FaultKind {
    /** Answers normally, but only after a delay. */
    DELAY,
    /** Holds the request and never answers (past any client timeout). */
    STALL,
    /**
     * Handles the request, then never answers (past any client timeout): a time-out after the server took it, the
     * hardest case for a client deciding whether to send again.
     */
    UNANSWERED,
    /** Sends the status line, headers and half the body, then resets the connection (TCP RST). */
    RESET,
    /** Answers an HTTP 5xx page instead of handling the request. */
    SERVER_ERROR,
    /** Declares the full Content-Length, sends half the body, then closes the connection normally. */
    TRUNCATED,
    /** Handles the request, then answers HTTP 200 with garbage bytes instead of the body (PROTOCOL.md 4.1, 11.4). */
    MALFORMED,
    /** webwxsync: the AddMsgList entries of this answer come again in the next answer, same MsgId (11.4). */
    DUPLICATE_MESSAGE,
    /** synccheck: answers a non-zero selector at once, and keeps doing so until the client calls webwxsync (11.4). */
    STUCK_SELECTOR,
    /**
     * webwxsync: the answer's SyncCheckKey carries a newer Key 201 than its SyncKey, and until the next sync synccheck
     * answers selector 2 at once to a client that presents anything older (4.3, 11.4).
     */
    SYNC_CHECK_KEY_AHEAD,
    /** synccheck or a JSON call: answers a session-over code (1100, 1101 or 1102) as retcode or BaseResponse.Ret. */
    LOGOUT,
    /** A JSON call (e.g. webwxsendmsg): answers this BaseResponse.Ret (e.g. 1205) without handling the request. */
    RET,
    /** webwxnewloginpage: answers {@code <ret>1203</ret>}, web login forbidden (2.5). */
    BANNED,
    /** Any call of a live session: another login takes the account over first, so the session ends with 1101 (11.2). */
    KICKED,
    /**
     * A call of a live session makes it a zombie: synccheck ends "nothing new" (0/0) after its hold whatever waits,
     * webwxsync answers an empty AddMsgList with the presented SyncKey, and the account's messages queue up
     * undelivered until the client calls webwxinit again (or logs in again: the new session receives them). Our own
     * model of what peers' issue threads report; PROTOCOL.md says nothing of zombie sessions.
     */
    FROZEN_SYNC,
    /**
     * As {@link #FROZEN_SYNC}, but synccheck still announces news (selector 2 at once while anything waits): the
     * client syncs, gets nothing, and its key never moves. Our own model, as above.
     */
    STUCK_SYNC_KEY,
    /**
     * A call of a live session makes its sends succeed (answered with a MsgID, recorded) but never echo back through
     * sync, until the client calls webwxinit again or logs in again. Our own model, as above.
     */
    LOST_ECHOES;

    /** The name used by the control API: lower case with dashes, e.g. {@code server-error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant for a control-API name ({@code server-error}, {@code SERVER_ERROR} …). */
    public static FaultKind fromWireName(String name) {
        String constant = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FaultKind kind : values()) {
            if (kind.name().equals(constant)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault " + name);
    }
}
