package dev.webwxbot.cluster.stream;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads one stream per account, for the accounts this process serves now, in order, with one blocking read on a
 * connection of its own; entries are handed on as they come and may finish in any order. Each account's stream is
 * read from the mark its last reader left (the last entry up to which every one finished), and the mark moves as
 * entries finish, so that whoever serves the account next starts where this one stopped; entries before the mark
 * are trimmed away. An account no longer served is dropped at once: its late finishes move no mark.
 */
final class StreamLoop implements AutoCloseable {

    private static final int BATCH = 200;

    /**
     * Takes one entry and calls {@code finished} once done with it (on any thread, at any time); or refuses it,
     * returning false, when the account is no longer served here: its next reader reads it.
     */
    interface Entries {
        boolean take(String account, String id, Map<String, String> body, Runnable finished);
    }

    private final StreamLink link;
    private final Function<String, String> stream;
    private final Function<String, String> mark;
    private final Supplier<Set<String>> accounts;
    private final Entries entries;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    /** The served accounts by their stream's key (the reader's thread only). */
    private Map<String, String> accountByStream = Map.of();
    private Set<String> lastServed = Set.of();
    private final BlockingReader reader;

    /**
     * @param stream an account's stream key
     * @param mark the key keeping an account's mark
     * @param accounts the accounts served now; asked before each read
     */
    StreamLoop(String name, StreamLink link, Function<String, String> stream, Function<String, String> mark,
               Supplier<Set<String>> accounts, Entries entries) {
        this.link = link;
        this.stream = stream;
        this.mark = mark;
        this.accounts = accounts;
        this.entries = entries;
        this.reader = new BlockingReader(name, link, this::readOnce);
    }

    private void readOnce(StatefulRedisConnection<String, String> connection) {
        for (StreamMessage<String, String> entry : read(connection)) take(entry);
    }

    private List<StreamMessage<String, String>> read(StatefulRedisConnection<String, String> connection) {
        Set<String> served = accounts.get();
        positions.keySet().retainAll(served);
        for (String account : served) positions.computeIfAbsent(account, this::resume);
        if (!served.equals(lastServed)) {
            // Each entry names its stream: found by key, not by computing every served account's key per entry.
            accountByStream = served.stream().collect(Collectors.toUnmodifiableMap(stream, account -> account));
            lastServed = served;
        }
        if (served.isEmpty()) {
            BlockingReader.rest();
            return List.of();
        }
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = served.stream()
                .map(account -> XReadArgs.StreamOffset.from(stream.apply(account), positions.get(account).after))
                .toArray(XReadArgs.StreamOffset[]::new);
        return connection.sync().xread(XReadArgs.Builder.block(BlockingReader.WAIT).count(BATCH), offsets);
    }

    /** Where {@code account}'s stream is read from: after its mark, or from its start. */
    private Position resume(String account) {
        String kept = link.shared().sync().get(mark.apply(account));
        return new Position(account, kept == null ? "0-0" : kept);
    }

    private void take(StreamMessage<String, String> entry) {
        String account = accountByStream.get(entry.getStream());
        Position position = account == null ? null : positions.get(account);
        if (position == null) return; // no longer served: its next reader reads it
        position.after = entry.getId();
        position.progress.begin(entry.getId());
        if (!entries.take(account, entry.getId(), entry.getBody(), () -> finished(position, entry.getId()))) {
            positions.remove(account, position); // moves no mark from now on
        }
    }

    private void finished(Position position, String id) {
        position.progress.finish(id).ifPresent(moved -> {
            if (positions.get(position.account) != position) return; // served elsewhere now
            link.shared().async().set(mark.apply(position.account), moved);
            link.shared().async().xtrim(stream.apply(position.account), XTrimArgs.Builder.minId(moved).approximateTrimming());
        });
    }

    @Override
    public void close() {
        reader.close();
    }

    /** One served account's place in its stream. */
    private static final class Position {
        final String account;
        final Progress progress = new Progress();
        volatile String after;

        Position(String account, String after) {
            this.account = account;
            this.after = after;
        }
    }
}
