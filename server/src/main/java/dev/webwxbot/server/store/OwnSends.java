package dev.webwxbot.server.store;

import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.store.StoredMessage;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sends this run made, by account, until the server echoes them back through sync: the echo of a send is
 * already its OUT row, and recognising it here spares a lookup in the store per echo (and a read of every queued
 * send when the echo comes before the send's receipt). Sends of an earlier run, and whatever falls out of this
 * bounded memory, are still found in the store by the caller. Thread-safe.
 */
final class OwnSends {

    /** Far more sends than can await their echo at once (the governor sends a few a second); bounds the memory. */
    static final int CAPACITY = 4096;

    /** A send and, once its receipt came, the MsgId the server gave it (else empty). */
    private record Own(StoredMessage row, String msgId) {
    }

    private final Map<String, Own> byLocalId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Own> eldest) {
            if (size() <= CAPACITY) return false;
            localIdByMsgId.remove(eldest.getValue().row().account() + '\n' + eldest.getValue().msgId());
            return true;
        }
    };
    private final Map<String, String> localIdByMsgId = new HashMap<>();

    /** {@code row} (direction OUT, status queued) is about to be sent. */
    synchronized void queued(StoredMessage row) {
        byLocalId.put(row.account() + '\n' + row.localId(), new Own(row, ""));
    }

    /** The send {@code localId} went out as {@code msgId}. */
    synchronized void sent(String account, String localId, String msgId) {
        String key = account + '\n' + localId;
        Own own = byLocalId.get(key);
        if (own == null || msgId.isEmpty()) return;
        byLocalId.put(key, new Own(own.row(), msgId));
        localIdByMsgId.put(account + '\n' + msgId, key);
    }

    /** The send {@code localId} failed: no echo will come. */
    synchronized void failed(String account, String localId) {
        Own own = byLocalId.remove(account + '\n' + localId);
        if (own != null) localIdByMsgId.remove(account + '\n' + own.msgId());
    }

    /**
     * Whether {@code event} (from this account) is the echo of one of these sends: by MsgId once the receipt came,
     * else a send to the same chat of the same kind and text (or quote) not yet receipted. The send is forgotten
     * then; a second delivery of the same echo is found in the store.
     */
    synchronized boolean takeEcho(String account, MessageEvent event, String kind, String text) {
        String key = localIdByMsgId.remove(account + '\n' + event.msgId());
        if (key != null) {
            byLocalId.remove(key);
            return true;
        }
        Iterator<Own> sends = byLocalId.values().iterator();
        while (sends.hasNext()) {
            Own own = sends.next();
            if (own.msgId().isEmpty() && own.row().account().equals(account)
                    && Rows.echoOf(own.row(), event, kind, text)) {
                sends.remove();
                return true;
            }
        }
        return false;
    }
}
