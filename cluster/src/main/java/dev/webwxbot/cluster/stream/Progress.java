package dev.webwxbot.cluster.stream;

import java.util.Optional;
import java.util.TreeMap;

/**
 * Stream entries taken in order and finished in any order (a conversation's message waits while later ones run), and
 * the last entry up to which every one is finished: where whoever reads the stream next must start. Thread-safe.
 */
final class Progress {

    /** Entries begun and not yet passed by the finished mark, by id: whether each is finished. */
    private final TreeMap<EntryId, Boolean> open = new TreeMap<>();

    synchronized void begin(String id) {
        open.put(EntryId.parse(id), false);
    }

    /**
     * Marks {@code id} finished; returns the new mark (the last entry with every one before it finished) when it moved.
     */
    synchronized Optional<String> finish(String id) {
        EntryId entry = EntryId.parse(id);
        if (!open.containsKey(entry)) return Optional.empty();
        open.put(entry, true);
        EntryId mark = null;
        while (!open.isEmpty() && open.firstEntry().getValue()) {
            mark = open.pollFirstEntry().getKey();
        }
        return Optional.ofNullable(mark).map(EntryId::toString);
    }

    /** Whether {@code id} is begun here and not yet finished. */
    synchronized boolean isOpen(String id) {
        return Boolean.FALSE.equals(open.get(EntryId.parse(id)));
    }

    /** How many entries are begun and not finished. */
    synchronized int running() {
        return (int) open.values().stream().filter(done -> !done).count();
    }

    /** A stream entry's id, {@code milliseconds-sequence}, ordered as Redis orders them. */
    record EntryId(long millis, long sequence) implements Comparable<EntryId> {

        static EntryId parse(String id) {
            int dash = id.indexOf('-');
            if (dash < 0) return new EntryId(Long.parseLong(id), 0);
            return new EntryId(Long.parseLong(id, 0, dash, 10), Long.parseLong(id, dash + 1, id.length(), 10));
        }

        @Override
        public int compareTo(EntryId other) {
            int byMillis = Long.compareUnsigned(millis, other.millis);
            return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
        }

        @Override
        public String toString() {
            return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
        }
    }
}
