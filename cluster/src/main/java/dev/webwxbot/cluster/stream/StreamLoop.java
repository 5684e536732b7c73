package dev.webwxbot.cluster.stream;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream per account, for the accounts this process serves now, through the stream's consumer group, in
 * order, with one blocking read on a connection of its own; entries are handed on as they come, may finish in any
 * order, and are acknowledged ({@code XACK}) once finished.
 *
 * <p>One reader serves an account at a time (whoever holds its lease), so the group is how a stream's position and
 * its unfinished entries outlive a reader, not how entries are shared. A reader that starts serving an account first
 * claims every entry pending in the group (delivered to a reader that stopped, or refused by one that was no longer
 * serving it) and takes them in order, then reads the entries never delivered. It sweeps every {@link #SWEEP}: it
 * claims what another reader was delivered since (a blocking read in flight while the account moved), and trims the
 * stream behind its oldest unfinished entry. Readers that have nothing pending and have not read for
 * {@link #STOPPED_READER} are deleted from the group when an account is joined (a node named by default changes its
 * name at each start); a reader that read recently is kept, since deleting it could drop an entry a read in flight
 * was delivering to it.
 */
final class StreamLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamLoop.class);
    private static final int BATCH = 200;
    static final Duration SWEEP = Duration.ofSeconds(5);
    /** Far longer than a blocking read: a reader this quiet has no read in flight. */
    static final Duration STOPPED_READER = Duration.ofMinutes(10);

    /**
     * Takes one entry and calls {@code finished} once done with it (on any thread, at any time); or refuses it,
     * returning false, when the account is no longer served here: its next reader claims it.
     */
    interface Entries {
        boolean take(String account, String id, Map<String, String> body, Runnable finished);
    }

    private final StreamLink link;
    private final Duration sweepEvery;
    private final Duration stoppedReader;
    private final Function<String, String> stream;
    private final String group;
    private final Consumer<String> consumer;
    private final Supplier<Set<String>> accounts;
    private final Entries entries;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    /** The served accounts by their stream's key (the reader's thread only). */
    private Map<String, String> accountByStream = Map.of();
    private Set<String> lastServed = Set.of();
    private long lastSweep = System.nanoTime();
    private final String name;
    private final BlockingReader reader;

    /**
     * @param stream an account's stream key
     * @param group the consumer group the readers of these streams share
     * @param name what the reader's thread and log lines are named
     * @param consumerName this reader's consumer name in the group (its node's name)
     * @param accounts the accounts served now; asked before each read
     */
    StreamLoop(String name, StreamLink link, Function<String, String> stream, String group, String consumerName,
               Supplier<Set<String>> accounts, Entries entries) {
        this(name, link, stream, group, consumerName, accounts, entries, SWEEP, STOPPED_READER);
    }

    /** With a test's sweep interval and idle time after which a reader counts as stopped. */
    StreamLoop(String name, StreamLink link, Function<String, String> stream, String group, String consumerName,
               Supplier<Set<String>> accounts, Entries entries, Duration sweepEvery, Duration stoppedReader) {
        this.sweepEvery = sweepEvery;
        this.stoppedReader = stoppedReader;
        this.link = link;
        this.stream = stream;
        this.group = group;
        this.consumer = Consumer.from(group, Objects.requireNonNull(consumerName, "consumerName"));
        this.accounts = accounts;
        this.entries = entries;
        this.name = name;
        this.reader = new BlockingReader(name, link, this::readOnce);
    }

    private void readOnce(StatefulRedisConnection<String, String> connection) {
        Set<String> served = accounts.get();
        positions.keySet().retainAll(served);
        if (!served.equals(lastServed)) {
            // Each entry names its stream: found by key, not by computing every served account's key per entry.
            accountByStream = served.stream().collect(Collectors.toUnmodifiableMap(stream, account -> account));
            lastServed = served;
        }
        for (String account : served) {
            if (!positions.containsKey(account)) join(account);
        }
        if (System.nanoTime() - lastSweep > sweepEvery.toNanos()) {
            sweep();
            lastSweep = System.nanoTime();
        }
        if (positions.isEmpty()) {
            BlockingReader.rest();
            return;
        }
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = positions.keySet().stream()
                .map(account -> XReadArgs.StreamOffset.lastConsumed(stream.apply(account)))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> read;
        try {
            read = connection.sync().xreadgroup(consumer, XReadArgs.Builder.block(BlockingReader.WAIT).count(BATCH),
                    offsets);
        } catch (RedisCommandExecutionException e) {
            if (!noGroup(e)) throw e;
            // A stream deleted under its reader (by hand): every other account's read waits on it, so make it again.
            log.info("{}: a stream read here was deleted; it is made again", name);
            positions.keySet().forEach(account -> createGroup(stream.apply(account)));
            return;
        }
        for (StreamMessage<String, String> entry : read) {
            String account = accountByStream.get(entry.getStream());
            Position position = account == null ? null : positions.get(account);
            if (position != null) take(position, entry); // else left pending: its next reader claims it
        }
    }

    /** Starts serving {@code account}: its group exists, and what a reader before left unfinished is taken first. */
    private void join(String account) {
        String key = stream.apply(account);
        createGroup(key);
        Position position = new Position(account);
        positions.put(account, position);
        claimPending(position);
        forgetStoppedReaders(key);
    }

    private void forgetStoppedReaders(String key) {
        RedisCommands<String, String> redis = link.shared().sync();
        for (Map<String, Object> reader : InfoFields.of(redis.xinfoConsumers(key, group))) {
            Object name = reader.get("name");
            if (name == null || name.equals(consumer.getName())) continue;
            if (reader.get("pending") instanceof Long pending && pending == 0
                    && reader.get("idle") instanceof Long idle && idle > stoppedReader.toMillis()) {
                redis.xgroupDelconsumer(key, Consumer.from(group, name.toString()));
            }
        }
    }

    /** Makes the stream's group (and the stream), reading from its start, unless it is there. */
    private void createGroup(String key) {
        try {
            link.shared().sync().xgroupCreate(XReadArgs.StreamOffset.from(key, "0-0"), group,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) throw e; // else: it exists
        }
    }

    private static boolean noGroup(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // NOGROUP when the stream is gone before the read; UNBLOCKED when it goes during a blocking read.
            if (cause instanceof RedisCommandExecutionException e && e.getMessage() != null
                    && (e.getMessage().startsWith("NOGROUP") || e.getMessage().startsWith("UNBLOCKED"))) {
                return true;
            }
        }
        return false;
    }

    /** Claims every entry pending in the account's group that is not running here, and takes each, in order. */
    private void claimPending(Position position) {
        RedisCommands<String, String> redis = link.shared().sync();
        String key = stream.apply(position.account);
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String> claimed = redis.xautoclaim(key,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, Duration.ZERO, cursor).count(BATCH));
            for (StreamMessage<String, String> entry : claimed.getMessages()) {
                if (positions.get(position.account) != position) return; // refused: no longer served
                if (entry.getBody() == null || entry.getBody().isEmpty()) {
                    redis.xack(key, group, entry.getId()); // trimmed away before anyone finished it: nothing to run
                } else if (!position.progress.isOpen(entry.getId())) {
                    take(position, entry);
                }
            }
            cursor = claimed.getId();
        } while (cursor != null && !"0-0".equals(cursor));
    }

    private void take(Position position, StreamMessage<String, String> entry) {
        String id = entry.getId();
        position.progress.begin(id);
        if (!entries.take(position.account, id, entry.getBody(), () -> finished(position, id))) {
            positions.remove(position.account, position); // left pending in the group for the next reader
        }
    }

    private void finished(Position position, String id) {
        // Acknowledged even when the account moved on meanwhile: finished is finished, whoever claimed it since.
        link.shared().async().xack(stream.apply(position.account), group, id);
        position.progress.finish(id).ifPresent(moved -> position.finishedUpTo = moved);
    }

    /**
     * For each served account at once: claims entries another reader holds (delivered to it as the account moved
     * here), and trims behind the oldest entry not finished.
     */
    private void sweep() {
        List<Position> served = List.copyOf(positions.values());
        List<CompletableFuture<PendingMessages>> summaries = new ArrayList<>();
        for (Position position : served) {
            summaries.add(link.shared().async().xpending(stream.apply(position.account), group).toCompletableFuture());
        }
        for (int i = 0; i < served.size(); i++) {
            Position position = served.get(i);
            PendingMessages pending;
            try {
                pending = summaries.get(i).join();
            } catch (CompletionException e) {
                if (!noGroup(e)) throw e;
                createGroup(stream.apply(position.account)); // deleted by hand since: its new entries are read on
                continue;
            }
            Map<String, Long> byReader = pending.getConsumerMessageCount();
            boolean elsewhere = byReader.entrySet().stream()
                    .anyMatch(reader -> !reader.getKey().equals(consumer.getName()) && reader.getValue() > 0);
            if (elsewhere) claimPending(position);
            trim(position, pending);
        }
    }

    /**
     * Trims the stream behind the oldest entry still pending in the group (every entry before it was delivered and
     * finished), or, when none is pending, behind the last entry this reader finished with every one before it.
     */
    private void trim(Position position, PendingMessages pending) {
        String keepFrom = pending.getCount() > 0 && pending.getMessageIds() != null
                ? pending.getMessageIds().getLower().getValue() : position.finishedUpTo;
        if (keepFrom == null || keepFrom.equals(position.trimmedTo)) return;
        link.shared().async().xtrim(stream.apply(position.account),
                XTrimArgs.Builder.minId(keepFrom).approximateTrimming());
        position.trimmedTo = keepFrom;
    }

    @Override
    public void close() {
        reader.close();
    }

    /** One served account's place in its stream. */
    private static final class Position {
        final String account;
        final Progress progress = new Progress();
        /** The last entry up to which every one taken here finished; null before the first. */
        volatile String finishedUpTo;
        /** Where the stream was last trimmed to (the reader's thread only). */
        String trimmedTo;

        Position(String account) {
            this.account = account;
        }
    }
}
