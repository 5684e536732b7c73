package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.RedisProcess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One daemon's lease on one account: claimed with a fresh token, renewed for as long as it is held, deleted on close. */
class LeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(1);

    private final RecordingOwner.World world = new RecordingOwner.World();
    private final Keys keys = new Keys("t");
    private RedisProcess redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() {
        if (redis != null) redis.close();
        assertEquals(List.of(), world.violations());
    }

    /** The length of the lease value when it is "a " and 32 hex digits (a 128-bit token), else 0. */
    private String leaseShape() throws Exception {
        return redis.command("EVAL", "local v = redis.call('GET', KEYS[1]) return (v and v:match('^a %x+$') and #v) or 0",
                "1", keys.lease("x"));
    }

    private void heldFor(Cluster cluster, RecordingOwner owner, Duration span) {
        long from = System.nanoTime();
        // The point is that time passes with the lease in Redis kept alive: wait for the span to pass, held throughout.
        Await.until(() -> {
            if (!cluster.held().equals(Set.of("x")) || !owner.accounts("LOST").isEmpty()) {
                throw new AssertionError("lost x: " + owner.events);
            }
            return System.nanoTime() - from > span.toNanos();
        }, "x held for " + span);
    }

    @Test
    void theLeaseIsRenewedWhileHeldSurvivesAKilledConnectionAndIsDeletedOnClose() throws Exception {
        RecordingOwner owner = new RecordingOwner("a", world);
        Cluster cluster = Cluster.join(new ClusterSettings(redis.uri(), "a", LEASE, "t"), owner);
        try (CapturedLogs logs = CapturedLogs.attach()) {
            // A connection killed mid-command reads as a moment of Redis unreachable; usually it is noticed between calls.
            logs.allow(Level.WARN, "Redis at .* is unreachable: node a .*");
            cluster.run(Set.of("x"));
            Await.until(() -> world.started().containsKey("x"), "x started");
            assertEquals(":34", leaseShape(), "node name, a space and a 128-bit token in hex");

            heldFor(cluster, owner, LEASE.multipliedBy(3));
            long pttl = Long.parseLong(redis.command("PTTL", keys.lease("x")).substring(1));
            assertTrue(pttl > 0 && pttl <= LEASE.toMillis(), "PTTL " + pttl);

            assertTrue(redis.command("CLIENT", "KILL", "TYPE", "normal").startsWith(":"));
            heldFor(cluster, owner, LEASE.multipliedBy(2));
            assertEquals(List.of("x"), owner.accounts("acquired"), "claimed once, never lost");
        } finally {
            cluster.close();
        }
        assertEquals(List.of("x"), owner.accounts("HANDED_OVER"));
        assertEquals(":0", redis.command("EXISTS", keys.lease("x")));
        assertEquals(":0", redis.command("EXISTS", keys.node("a")));
        assertEquals(":0", redis.command("SCARD", keys.nodes()));
        assertEquals(":1", redis.command("SISMEMBER", keys.accounts(), "x"), "an account once run stays listed");
    }
}
