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

/** What a daemon does when Redis goes away: gives its accounts up once, says so once, and claims again when it is back. */
class RedisOutageTest {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Set<String> THREE = Set.of("x", "y", "z");

    private final RecordingOwner.World world = new RecordingOwner.World();
    private RedisProcess redis;
    private Cluster cluster;
    private CapturedLogs logs;

    private final ch.qos.logback.classic.Logger clusterLog =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Cluster.class);

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        clusterLog.setLevel(Level.INFO); // the line saying Redis is back is an INFO
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
        if (redis != null) redis.close();
        logs.close();
        clusterLog.setLevel(null);
        assertEquals(List.of(), world.violations());
    }

    private static String unreachable(String node) {
        return "Redis at redis://127\\.0\\.0\\.1:\\d+ is unreachable: node " + node + " gives up its accounts before "
                + "their leases expire and claims none until it is back";
    }

    @Test
    void redisKilledLosesEveryAccountOnceAndLogsEachOnce() {
        RecordingOwner owner = new RecordingOwner("a", world);
        cluster = Cluster.join(new ClusterSettings(redis.uri(), "a", LEASE, "t"), owner);
        cluster.run(THREE);
        Await.until(() -> world.started().size() == 3, "three running");

        redis.close();
        redis = null;
        Await.until(() -> owner.accounts("LOST").equals(List.of("x", "y", "z")) && cluster.held().isEmpty(),
                () -> "all three lost: " + owner.events);
        cluster.close();
        cluster = null;

        List<String> warnings = logs.at(Level.WARN);
        assertEquals(4, warnings.size(), () -> "one for Redis, one per account, nothing from Lettuce: " + warnings);
        assertTrue(warnings.getFirst().matches(unreachable("a")), warnings.getFirst());
        for (String account : THREE) {
            assertTrue(warnings.contains("node a lost account " + account + ": its lease could not be renewed in time;"
                    + " its session stops here so that another daemon can resume it"), () -> "" + warnings);
        }
        assertEquals(List.of(), logs.at(Level.ERROR));
    }

    @Test
    void aNodeThatCouldNotReachRedisClaimsItsAccountsAgainWhenItIsBack() {
        RecordingOwner owner = new RecordingOwner("a", world);
        cluster = Cluster.join(new ClusterSettings(redis.uri(), "a", LEASE, "t"), owner);
        cluster.run(THREE);
        Await.until(() -> world.started().size() == 3, "three running");

        cluster.cutOffFromRedis(true);
        Await.until(() -> owner.accounts("LOST").size() == 3, () -> "all three lost: " + owner.events);
        cluster.cutOffFromRedis(false);
        Await.until(() -> cluster.held().equals(THREE) && owner.accounts("acquired").size() == 6,
                () -> "all three claimed again: " + owner.events);

        assertEquals(1, logs.at(Level.WARN).stream().filter(line -> line.matches(unreachable("a"))).count());
        assertEquals(List.of("Redis at " + redis.uri() + " is reachable again: node a claims accounts again"),
                logs.at(Level.INFO).stream().filter(line -> line.contains("reachable again")).toList());
    }
}
