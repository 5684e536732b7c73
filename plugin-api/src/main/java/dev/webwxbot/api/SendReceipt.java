package dev.webwxbot.api;

import java.util.Objects;

/** The server's answer to a send: the id of the new message, or why it was refused. Immutable. */
public sealed interface SendReceipt {

    /** Whether the server accepted the message. */
    boolean ok();

    /** How a sent message got through. */
    enum Delivery {
        /** The first attempt was answered. */
        ANSWERED,
        /**
         * Answered after earlier attempts that certainly did not deliver it (no connection, the request not fully
         * written, HTTP 5xx, or {@code Ret 1205}) were retried.
         */
        RETRIED,
        /**
         * An attempt's request was written but its answer was lost (time-out, reset, truncated or malformed answer);
         * the server's echo of the message (PROTOCOL.md 9.7) then showed it had been taken, so it was not sent
         * again. {@code msgId} is the echo's.
         */
        CONFIRMED_BY_ECHO,
        /**
         * Answered after a retry of an attempt whose answer was lost and whose echo did not come within the window:
         * if the server took that attempt without echoing it, the chat got the message twice.
         */
        RETRIED_UNCONFIRMED
    }

    /**
     * The message was accepted.
     *
     * @param msgId the server's id of the new message (needed to revoke it)
     * @param localId the client id it was sent with ({@code ClientMsgId}, also needed to revoke it; the same for
     *     every attempt)
     * @param chatUserName the session-scoped id of the chat it went to
     * @param delivery how it got through
     * @param attempts how many times the send was attempted, at least 1
     * @param quotedMsgId the server id of the message this one quotes ({@link Outgoing.Quote}); empty when it quotes
     *     none
     */
    record Sent(String msgId, String localId, String chatUserName, Delivery delivery, int attempts,
                String quotedMsgId) implements SendReceipt {
        public Sent {
            Objects.requireNonNull(msgId, "msgId");
            Objects.requireNonNull(localId, "localId");
            Objects.requireNonNull(chatUserName, "chatUserName");
            Objects.requireNonNull(delivery, "delivery");
            if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
            quotedMsgId = Objects.requireNonNullElse(quotedMsgId, "");
        }

        /** A message that quotes none. */
        public Sent(String msgId, String localId, String chatUserName, Delivery delivery, int attempts) {
            this(msgId, localId, chatUserName, delivery, attempts, "");
        }

        /** A message that quotes none, answered at the first attempt. */
        public Sent(String msgId, String localId, String chatUserName) {
            this(msgId, localId, chatUserName, Delivery.ANSWERED, 1);
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
     * @param detail a human-readable explanation naming the operation; after retries it ends with how many
     *     attempts were made and names the last attempt's failure
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
