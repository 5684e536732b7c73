package dev.webwxbot.launcher.emulator;

import dev.webwxbot.emulator.Contact;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who wrote the messages the console and the chatter made contacts send, by MsgId, so {@code revoke LAST} and
 * {@code revoke MSGID} know whose message it is (the emulator revokes only as the writer). Keeps the newest
 * {@value #LIMIT}. Thread-safe.
 */
public final class SentLog {
    static final int LIMIT = 10_000;

    /** A message a contact wrote: in a group when {@code group} is present. */
    record Sent(Contact writer, Optional<Contact> group, String msgId) {
    }

    private final Map<String, Sent> byId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > LIMIT;
        }
    };
    private Sent last;

    synchronized void add(Contact writer, Optional<Contact> group, String msgId) {
        Sent entry = new Sent(writer, group, msgId);
        byId.put(msgId, entry);
        last = entry;
    }

    synchronized Optional<Sent> last() {
        return Optional.ofNullable(last);
    }

    synchronized Optional<Sent> find(String msgId) {
        return Optional.ofNullable(byId.get(msgId));
    }

    /** Forgets a revoked message, so {@code revoke LAST} twice does not withdraw it again. */
    synchronized void remove(String msgId) {
        Sent removed = byId.remove(msgId);
        if (removed != null && removed == last) last = null;
    }
}
