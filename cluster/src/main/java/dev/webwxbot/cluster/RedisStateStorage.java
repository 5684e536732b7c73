package dev.webwxbot.cluster;

import dev.webwxbot.core.SessionStateStorage;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One account's session state in Redis, for the claim that holds its lease now: reads are plain, every write is
 * fenced (a script that writes only while the lease still holds this claim's value), so a daemon that lost the
 * account can no longer write. Once {@link #revoke revoked} (after its owner was told the account left) it refuses
 * writes without asking Redis. Never puts contents in messages. Thread-safe.
 */
final class RedisStateStorage implements SessionStateStorage {

    private final RedisLink redis;
    private final Keys keys;
    private final String account;
    private final String claim;
    private final Clock clock;
    private volatile boolean revoked;

    RedisStateStorage(RedisLink redis, Keys keys, String account, String claim, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.account = account;
        this.claim = claim;
        this.clock = clock;
    }

    /** From now on every write is refused: the owner was told the account left this daemon. */
    void revoke() {
        revoked = true;
    }

    @Override
    public Optional<String> loadSnapshot() {
        try {
            return Optional.ofNullable(redis.call(c -> c.get(keys.snapshot(account))));
        } catch (RedisLink.RedisDown e) {
            throw new IllegalStateException("account " + account + "'s state was not read: Redis unreachable", e);
        }
    }

    @Override
    public void saveSnapshot(String json) {
        fenced(Scripts.SAVE_SNAPSHOT, List.of(keys.snapshot(account), keys.savedAt(account)),
                List.of(json, Long.toString(clock.millis())));
    }

    @Override
    public void clearSnapshot() {
        fenced(Scripts.CLEAR_SNAPSHOT, List.of(keys.snapshot(account), keys.savedAt(account)), List.of());
    }

    @Override
    public RecordLog openLog(String name) {
        if (!INBOX.equals(name) && !OUTBOX.equals(name)) {
            throw new IllegalArgumentException("no log named '" + name + "' (inbox or outbox)");
        }
        String key = keys.log(account, name);
        try {
            return new Log(key, List.copyOf(redis.call(c -> c.lrange(key, 0, -1))));
        } catch (RedisLink.RedisDown e) {
            throw new IllegalStateException("account " + account + "'s state was not read: Redis unreachable", e);
        }
    }

    /** Runs {@code script} with the lease key and this claim's value first; throws when it did not write. */
    private void fenced(String script, List<String> moreKeys, List<String> moreArgs) {
        if (revoked) throw notHolder();
        List<String> keyList = new ArrayList<>(moreKeys.size() + 1);
        keyList.add(keys.lease(account));
        keyList.addAll(moreKeys);
        List<String> args = new ArrayList<>(moreArgs.size() + 1);
        args.add(claim);
        args.addAll(moreArgs);
        Long wrote;
        try {
            wrote = redis.call(c -> c.<Long>eval(script, ScriptOutputType.INTEGER,
                    keyList.toArray(String[]::new), args.toArray(String[]::new)));
        } catch (RedisLink.RedisDown e) {
            throw new IllegalStateException("account " + account + "'s state was not written: Redis unreachable", e);
        }
        if (wrote == null || wrote != 1L) throw notHolder();
    }

    private IllegalStateException notHolder() {
        return new IllegalStateException("this daemon no longer holds account " + account);
    }

    private final class Log implements RecordLog {
        private final String key;
        private final List<String> records;
        /**
         * How many records the list holds, counted here: only this claim writes it (the fence), and the journal asks
         * after every message whether a rewrite pays, which would otherwise be one more round trip each time.
         */
        private final AtomicLong size;
        private volatile boolean closed;

        Log(String key, List<String> records) {
            this.key = key;
            this.records = records;
            this.size = new AtomicLong(records.size());
        }

        @Override
        public List<String> records() {
            return records;
        }

        @Override
        public void append(List<String> more) {
            open();
            if (more.isEmpty()) return;
            fenced(Scripts.APPEND, List.of(key), more);
            size.addAndGet(more.size());
        }

        @Override
        public void rewrite(List<String> all) {
            open();
            fenced(Scripts.REWRITE, List.of(key), all);
            size.set(all.size());
        }

        @Override
        public long size() {
            open();
            return size.get();
        }

        private void open() {
            if (closed) throw new IllegalStateException("account " + account + "'s log is closed");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
