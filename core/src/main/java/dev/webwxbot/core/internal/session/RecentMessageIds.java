package dev.webwxbot.core.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few thousand message ids seen, so a message the server delivers twice reaches plugins once.
 * Thread-safe.
 */
final class RecentMessageIds {

    private final Map<String, Boolean> seen;

    RecentMessageIds(int capacity) {
        // Not pre-sized to the capacity: a table for 10 000 ids is 64 KB per session from its first message, which
        // with thousands of mostly quiet sessions was half of each session's heap. It grows as ids arrive instead.
        this.seen = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Seeds the ids a previous run handed over, oldest first. */
    synchronized void addAll(List<String> ids) {
        ids.forEach(id -> seen.put(id, Boolean.TRUE));
    }

    /** The ids remembered, oldest first, for saving. */
    synchronized List<String> snapshot() {
        return new ArrayList<>(seen.keySet());
    }

    /** Forgets ids recorded by {@link #firstSighting} whose messages could not be kept after all. */
    synchronized void forget(java.util.Collection<String> ids) {
        ids.forEach(seen::remove);
    }

    /** Records the id; false when it was seen before. An empty id is never treated as a duplicate. */
    synchronized boolean firstSighting(String msgId) {
        if (msgId.isEmpty()) return true;
        return seen.put(msgId, Boolean.TRUE) == null;
    }
}
