package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.testsupport.RedisProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisStateStorageTest {

    private static final Keys KEYS = new Keys("t");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private RedisProcess redisServer;
    private RedisLink redis;

    @BeforeEach
    void start() throws Exception {
        redisServer = RedisProcess.start();
        redis = new RedisLink(redisServer.uri(), Duration.ofSeconds(5), Duration.ZERO);
    }

    @AfterEach
    void stop() {
        if (redis != null) redis.close();
        if (redisServer != null) redisServer.close();
    }

    private RedisStateStorage holder(String account, String claim) throws Exception {
        assertEquals("+OK", redisServer.command("SET", KEYS.lease(account), claim));
        return new RedisStateStorage(redis, KEYS, account, claim, CLOCK);
    }

    @Test
    void snapshotRoundTripsAndRecordsWhenItWasSaved() throws Exception {
        RedisStateStorage storage = holder("alice", "n1 t1");
        assertEquals(Optional.empty(), storage.loadSnapshot());
        storage.saveSnapshot("{\"uin\":1}");
        assertEquals(Optional.of("{\"uin\":1}"), storage.loadSnapshot());
        assertEquals(":" + CLOCK.millis(), ":" + redis.call(c -> c.get(KEYS.savedAt("alice"))));
        storage.clearSnapshot();
        assertEquals(Optional.empty(), storage.loadSnapshot());
        assertEquals(":0", redisServer.command("EXISTS", KEYS.savedAt("alice")));
    }

    @Test
    void logsAppendRewriteAndCount() throws Exception {
        RedisStateStorage storage = holder("alice", "n1 t1");
        try (SessionStateStorage.RecordLog inbox = storage.openLog(SessionStateStorage.INBOX)) {
            assertEquals(List.of(), inbox.records());
            inbox.append(List.of("{\"a\":1}", "{\"a\":2}"));
            inbox.append(List.of());
            inbox.append(List.of("{\"a\":3}"));
            assertEquals(3, inbox.size());
            inbox.rewrite(List.of("{\"a\":3}"));
            assertEquals(1, inbox.size());
            inbox.rewrite(List.of());
            assertEquals(0, inbox.size());
            inbox.append(List.of("{\"a\":4}"));
        }
        try (SessionStateStorage.RecordLog outbox = storage.openLog(SessionStateStorage.OUTBOX)) {
            assertEquals(List.of(), outbox.records(), "the logs are separate");
        }
        assertEquals(List.of("{\"a\":4}"), storage.openLog(SessionStateStorage.INBOX).records());
        assertThrows(IllegalArgumentException.class, () -> storage.openLog("other"));
    }

    @Test
    void aLongLogIsRewrittenWhole() throws Exception {
        RedisStateStorage storage = holder("alice", "n1 t1");
        List<String> many = java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "{\"n\":" + i + "}").toList();
        try (SessionStateStorage.RecordLog outbox = storage.openLog(SessionStateStorage.OUTBOX)) {
            outbox.rewrite(many);
            assertEquals(20_000, outbox.size());
        }
        assertEquals(many, storage.openLog(SessionStateStorage.OUTBOX).records());
    }

    @Test
    void theNextHolderSeesWhatTheLastOneWrote() throws Exception {
        RedisStateStorage first = holder("alice", "n1 t1");
        first.saveSnapshot("{\"s\":1}");
        try (SessionStateStorage.RecordLog inbox = first.openLog(SessionStateStorage.INBOX)) {
            inbox.append(List.of("{\"m\":1}", "{\"m\":2}"));
        }
        RedisStateStorage second = holder("alice", "n2 t2");
        assertEquals(Optional.of("{\"s\":1}"), second.loadSnapshot());
        try (SessionStateStorage.RecordLog inbox = second.openLog(SessionStateStorage.INBOX)) {
            assertEquals(List.of("{\"m\":1}", "{\"m\":2}"), inbox.records());
            inbox.append(List.of("{\"m\":3}"));
            assertEquals(3, inbox.size());
        }
    }

    @Test
    void aStaleHolderCanNoLongerWrite() throws Exception {
        RedisStateStorage stale = holder("alice", "n1 t1");
        SessionStateStorage.RecordLog staleInbox = stale.openLog(SessionStateStorage.INBOX);
        RedisStateStorage current = holder("alice", "n2 t2");
        current.saveSnapshot("{\"s\":\"current\"}");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> stale.saveSnapshot("{\"s\":\"secret-stale\"}"));
        assertEquals("this daemon no longer holds account alice", refused.getMessage());
        assertThrows(IllegalStateException.class, stale::clearSnapshot);
        assertThrows(IllegalStateException.class, () -> staleInbox.append(List.of("{\"m\":\"x\"}")));
        assertThrows(IllegalStateException.class, () -> staleInbox.rewrite(List.of()));
        assertEquals(Optional.of("{\"s\":\"current\"}"), current.loadSnapshot());
        assertEquals(0, current.openLog(SessionStateStorage.INBOX).size());
    }

    @Test
    void writesAreRefusedOnceTheLeaseExpired() throws Exception {
        RedisStateStorage storage = holder("alice", "n1 t1");
        assertEquals(":1", redisServer.command("DEL", KEYS.lease("alice")));
        assertThrows(IllegalStateException.class, () -> storage.saveSnapshot("{}"));
    }

    @Test
    void aRevokedStorageRefusesWritesEvenWhileTheLeaseIsStillItsOwn() throws Exception {
        RedisStateStorage storage = holder("alice", "n1 t1");
        storage.revoke();
        assertThrows(IllegalStateException.class, () -> storage.saveSnapshot("{}"));
        assertTrue(storage.loadSnapshot().isEmpty());
    }

    @Test
    void aClosedLogWritesNothing() throws Exception {
        SessionStateStorage.RecordLog log = holder("alice", "n1 t1").openLog(SessionStateStorage.OUTBOX);
        log.close();
        assertThrows(IllegalStateException.class, () -> log.append(List.of("{}")));
    }
}
