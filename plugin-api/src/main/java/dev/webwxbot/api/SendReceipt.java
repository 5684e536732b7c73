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
     * @param localId the client id it was sent with ({@code ClientMsgId}, also needed to revoke it)
     * @param chatUserName the session-scoped id of the chat it went to
     */
    record Sent(String msgId, String localId, String chatUserName) implements SendReceipt {
        public Sent {
            Objects.requireNonNull(msgId, "msgId");
            Objects.requireNonNull(localId, "localId");
            Objects.requireNonNull(chatUserName, "chatUserName");
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
}
