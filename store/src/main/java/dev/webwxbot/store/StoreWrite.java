package dev.webwxbot.store;

import java.util.Objects;

/**
 * One write to the store, for {@link MessageStore#writeAll} and {@link WriteQueue}: several of them, of any kind,
 * go to the database in one transaction.
 */
public sealed interface StoreWrite {

    /** {@link MessageStore#record}: a message, stored unless one with its MsgId or LocalID already is. */
    record Message(StoredMessage message) implements StoreWrite {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@link MessageStore#recordContact}: a contact or group as {@code account} saw it. */
    record Contact(String account, StoredContact contact) implements StoreWrite {
        public Contact {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(contact, "contact");
        }
    }

    /**
     * {@link MessageStore#sendOutcome}: what became of the send {@code localId}; an empty {@code msgId} keeps the
     * row's, an empty {@code failure} means none.
     */
    record SendOutcome(String account, String localId, String msgId, String status, String failure)
            implements StoreWrite {
        public SendOutcome {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(localId, "localId");
            Objects.requireNonNull(msgId, "msgId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(failure, "failure");
            if (localId.isEmpty()) throw new IllegalArgumentException("a send's outcome needs its LocalID");
        }
    }
}
