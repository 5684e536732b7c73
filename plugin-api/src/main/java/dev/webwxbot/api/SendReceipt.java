package dev.webwxbot.api;

import java.util.Objects;

/** The server's answer to a send: the id of the new message, or why it was refused. Immutable. */
public sealed interface SendReceipt {

    /** Whether the server accepted the message. */
    boolean ok();

    /**
     * The message was accepted.
     *
     * @param msgId the server's id of the new message (needed to revoke it)
     * @param localId the client id it was sent with
     */
    record Sent(String msgId, String localId) implements SendReceipt {
        public Sent {
            Objects.requireNonNull(msgId, "msgId");
            Objects.requireNonNull(localId, "localId");
        }

        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * The message was not sent.
     *
     * @param reason the kind of refusal
     * @param code the protocol's code ({@code BaseResponse.Ret}), or 0 when the failure was not the server's
     * @param detail a human-readable explanation naming the operation
     */
    record Failed(FailureReason reason, int code, String detail) implements SendReceipt {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            detail = Objects.requireNonNullElse(detail, "");
        }

        @Override
        public boolean ok() {
            return false;
        }
    }

    /** Why a send failed. */
    enum FailureReason {
        /** The server limits how fast this account may act (Ret 1205). */
        THROTTLED,
        /** The recipient is not a friend (Ret 1204). */
        NOT_A_FRIEND,
        /** The session is over (Ret 1100, 1101, 1102). */
        LOGGED_OUT,
        /** The chat is unknown to this session. */
        UNKNOWN_CHAT,
        /** The content is larger than the protocol allows. */
        TOO_LARGE,
        /** The server could not be reached or did not answer in time. */
        NETWORK,
        /** The server refused for another reason. */
        REJECTED
    }
}
