package dev.webwxbot.server.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest {@code capacity} entries by key, the oldest forgotten first; small until used (an idle account holds
 * an empty map). Thread-safe.
 */
final class Recent<V> {

    private final int capacity;
    private final Map<String, V> entries;

    Recent(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(4, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > Recent.this.capacity;
            }
        };
    }

    synchronized void put(String key, V value) {
        entries.put(key, value);
    }

    synchronized Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }
}
