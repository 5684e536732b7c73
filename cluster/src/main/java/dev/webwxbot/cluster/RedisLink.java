package dev.webwxbot.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The daemon's one Redis client and connection. Lettuce's own reconnecting is off: a broken connection is closed and
 * a new one opened on the next call (at most one attempt per {@code retryAfter}), so that the cluster decides what an
 * outage means and logs it once, instead of Lettuce's watchdog retrying and logging on its own. Thread-safe: the
 * connection is shared (Lettuce multiplexes it); calls block the calling (virtual) thread up to the timeout.
 */
final class RedisLink implements AutoCloseable {

    private final RedisClient client;
    private final ClientResources resources;
    private final String where;
    private final long retryAfterNanos;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long lastAttempt = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean closed;
    private volatile boolean cutOff;
    private final java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile long downSince = System.nanoTime();
    private volatile Reachability reachability = new Reachability() { };

    RedisLink(URI redis, Duration timeout, Duration retryAfter) {
        this.where = safe(redis);
        RedisURI uri;
        try {
            uri = RedisURI.create(redis);
        } catch (RuntimeException e) {
            // Lettuce's message may quote the URI, password and all.
            throw new ClusterException("not a Redis URI: " + where);
        }
        uri.setTimeout(timeout);
        this.retryAfterNanos = retryAfter.toNanos();
        // Two small thread pools: a daemon's Redis traffic is a few commands per second.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** {@code scheme://host:port} of {@code redis}: what messages may say about it (never the password). */
    static String safe(URI redis) {
        String host = redis.getHost() == null ? "?" : redis.getHost();
        return redis.getScheme() + "://" + host + (redis.getPort() < 0 ? "" : ":" + redis.getPort());
    }

    String where() {
        return where;
    }

    /**
     * Runs {@code call} on the connection, opening one first when there is none. Throws {@link RedisDown} when
     * Redis cannot be reached or did not answer in time (the connection is then dropped), otherwise what Redis
     * answered wrong as Lettuce's exception.
     */
    <T> T call(Function<RedisCommands<String, String>, T> call) {
        long started = System.nanoTime();
        try {
            if (cutOff) throw new RedisDown(null);
            StatefulRedisConnection<String, String> current = connection();
            try {
                T answer = call.apply(current.sync());
                // An answer to a call sent before the outage was noticed says nothing about Redis being back.
                if (started - downSince > 0 && reachable.compareAndSet(false, true)) reachability.up();
                return answer;
            } catch (io.lettuce.core.RedisCommandExecutionException e) {
                throw e; // Redis answered: an error reply, not an outage
            } catch (io.lettuce.core.RedisCommandInterruptedException e) {
                throw e; // the caller was told to stop: it says nothing about Redis
            } catch (RuntimeException e) {
                drop(current);
                throw new RedisDown(e);
            }
        } catch (RedisDown e) {
            if (interrupted(e)) {
                // The caller was told to stop while connecting: that says nothing about Redis.
                Thread.currentThread().interrupt();
                throw e;
            }
            if (reachable.compareAndSet(true, false)) {
                downSince = System.nanoTime();
                reachability.down();
            }
            throw e;
        }
    }

    private static boolean interrupted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) return true;
        }
        return false;
    }

    /** Who hears, once each time, that Redis stopped or started answering. */
    void onReachability(Reachability listener) {
        this.reachability = listener;
    }

    /** Told once per change, on the thread whose call noticed it. */
    interface Reachability {
        default void down() {
        }

        default void up() {
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && current.isOpen()) return current;
        connecting.lock();
        try {
            current = connection;
            if (current != null && current.isOpen()) return current;
            if (closed) throw new RedisDown(new IllegalStateException("closed"));
            if (current != null) {
                current.closeAsync();
                connection = null;
            }
            long now = System.nanoTime();
            if (now - lastAttempt < retryAfterNanos) throw new RedisDown(null);
            lastAttempt = now;
            try {
                connection = client.connect();
                return connection;
            } catch (RuntimeException e) {
                throw new RedisDown(e);
            }
        } finally {
            connecting.unlock();
        }
    }

    private void drop(StatefulRedisConnection<String, String> broken) {
        connecting.lock();
        try {
            if (connection == broken) {
                connection = null;
                broken.closeAsync();
            }
        } finally {
            connecting.unlock();
        }
    }

    /** Test hook: every call fails as if Redis were unreachable, until called again with false. */
    void cutOff(boolean cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public void close() {
        connecting.lock();
        try {
            closed = true;
            if (connection != null) connection.close();
            connection = null;
        } finally {
            connecting.unlock();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Redis could not be reached or did not answer in time. The cause's message never holds the password. */
    static final class RedisDown extends RuntimeException {
        RedisDown(Throwable cause) {
            super("Redis unreachable", cause, false, false);
        }
    }
}
