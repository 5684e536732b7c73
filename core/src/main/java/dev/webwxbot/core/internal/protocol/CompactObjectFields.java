package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of one JSON object in a tree, in insertion order, kept in two parallel arrays while the object is small
 * and in a {@link LinkedHashMap} once it is not. A webwxsync answer is a tree of many small objects (a message has
 * about thirty fields, a cursor entry two), and Jackson's default map costs a table, a resize or two and one entry
 * object per field: it was most of what the client allocated per message (issue 20's profile). Lookups scan the
 * keys, which Jackson canonicalises, so a match is usually found by identity; past {@value #MAX_SCANNED} fields a
 * hash map takes over, so a hostile body with a huge object cannot make building it quadratic.
 *
 * <p>Semantics are those of an insertion-ordered map (replacing keeps the position); {@code null} keys are refused
 * as Jackson never uses them. Not thread-safe, like the tree it belongs to.
 */
final class CompactObjectFields extends AbstractMap<String, JsonNode> {

    /** Past this many fields an object is hashed: bounds a scan's length (a message has about thirty). */
    static final int MAX_SCANNED = 48;
    private static final int FIRST_CAPACITY = 4;

    private String[] keys = new String[FIRST_CAPACITY];
    private JsonNode[] values = new JsonNode[FIRST_CAPACITY];
    private int size;
    /** Non-null once the object outgrew the arrays; then it holds every field and the arrays are dropped. */
    private LinkedHashMap<String, JsonNode> large;
    private int modifications;

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        if (large != null) return large.get(key);
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        if (large != null) return large.put(key, value);
        int index = indexOf(key);
        if (index >= 0) {
            JsonNode old = values[index];
            values[index] = value;
            return old;
        }
        modifications++;
        if (size == MAX_SCANNED) {
            large = new LinkedHashMap<>(MAX_SCANNED * 4);
            for (int i = 0; i < size; i++) large.put(keys[i], values[i]);
            keys = null;
            values = null;
            size = 0;
            return large.put(key, value);
        }
        if (size == keys.length) {
            int capacity = Math.min(MAX_SCANNED, size * 2);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        if (large != null) return large.remove(key);
        int index = indexOf(key);
        if (index < 0) return null;
        JsonNode old = values[index];
        removeAt(index);
        return old;
    }

    @Override
    public void clear() {
        if (large != null) {
            large.clear();
            return;
        }
        modifications++;
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return large != null ? large.entrySet() : new Entries();
    }

    /** Identity first (names Jackson read and literals in our code are interned), then by cached hash and equality. */
    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) return i;
        }
        if (!(key instanceof String name)) return -1;
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (keys[i].hashCode() == hash && keys[i].equals(name)) return i;
        }
        return -1;
    }

    private void removeAt(int index) {
        modifications++;
        int after = size - index - 1;
        System.arraycopy(keys, index + 1, keys, index, after);
        System.arraycopy(values, index + 1, values, index, after);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    /** A view over the arrays, valid while the object stays small (Jackson iterates, it does not keep views). */
    private final class Entries extends AbstractSet<Entry<String, JsonNode>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Entry<String, JsonNode>> iterator() {
            return new Iterator<>() {
                private int next;
                private int last = -1;
                private int expected = modifications;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Entry<String, JsonNode> next() {
                    if (expected != modifications || large != null) throw new ConcurrentModificationException();
                    if (next >= size) throw new NoSuchElementException();
                    last = next++;
                    return new Field(last);
                }

                @Override
                public void remove() {
                    if (last < 0) throw new IllegalStateException();
                    if (expected != modifications) throw new ConcurrentModificationException();
                    removeAt(last);
                    next = last;
                    last = -1;
                    expected = modifications;
                }
            };
        }
    }

    /** One field as a map entry; setting its value writes through. */
    private final class Field extends SimpleEntry<String, JsonNode> {
        private final int index;

        Field(int index) {
            super(keys[index], values[index]);
            this.index = index;
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            if (large != null || index >= size || keys[index] != getKey()) throw new ConcurrentModificationException();
            values[index] = value;
            return super.setValue(value);
        }
    }
}
