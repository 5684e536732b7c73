package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import io.lettuce.core.RedisCommandInterruptedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisLinkTest {

    private RedisProcess redisServer;
    private RedisLink redis;
    private final AtomicInteger downs = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        redisServer = RedisProcess.start();
        redis = new RedisLink(redisServer.uri(), Duration.ofSeconds(5), Duration.ZERO);
        redis.onReachability(new RedisLink.Reachability() {
            @Override
            public void down() {
                downs.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        if (redis != null) redis.close();
        if (redisServer != null) redisServer.close();
    }

    @Test
    void aCallInterruptedWhileItWaitsIsNotAnOutageAndTheLinkGoesOn() throws Exception {
        assertEquals("PONG", redis.call(c -> c.ping()));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                redis.call(c -> c.blpop(1, "nothing:comes"));
            } catch (RuntimeException e) {
                ended.set(e);
            }
        });
        caller.start();
        Await.until(() -> caller.getState() == Thread.State.TIMED_WAITING || caller.getState() == Thread.State.WAITING,
                "the call waits for its answer", Duration.ofSeconds(5));
        caller.interrupt();
        caller.join();
        assertInstanceOf(RedisCommandInterruptedException.class, ended.get());
        assertEquals(0, downs.get(), "a stopping caller's call made Redis look unreachable");
        assertEquals("PONG", redis.call(c -> c.ping()));
    }

    @Test
    void aConnectionOpenedOnAnInterruptedThreadIsNotAnOutageAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(RuntimeException.class, () -> redis.call(c -> c.ping()));
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt was swallowed");
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, downs.get(), "a stopping caller's connection made Redis look unreachable");
        assertEquals("PONG", redis.call(c -> c.ping()));
    }

    @Test
    void aStoppedRedisIsOneOutage() {
        redisServer.close();
        redisServer = null;
        assertThrows(RedisLink.RedisDown.class, () -> redis.call(c -> c.ping()));
        assertThrows(RedisLink.RedisDown.class, () -> redis.call(c -> c.ping()));
        assertEquals(1, downs.get());
    }
}
