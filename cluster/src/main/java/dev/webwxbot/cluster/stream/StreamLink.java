package dev.webwxbot.cluster.stream;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The streams' Redis client: one shared connection for writes and short reads (Lettuce multiplexes it, and its async
 * side never blocks a network thread), and a connection of its own for each blocking read, which holds its
 * connection while it waits. Lettuce reconnects by itself here: a stream read that fails is simply read again.
 */
final class StreamLink implements AutoCloseable {

    /** How long a call may take before it fails; above every blocking read's wait. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> shared;
    private final Duration blockingTimeout;

    StreamLink(URI redis) {
        this(redis, TIMEOUT);
    }

    /** With calls failing after {@code timeout} (tests make an outage short). */
    StreamLink(URI redis, Duration timeout) {
        RedisURI uri;
        try {
            uri = RedisURI.create(redis);
        } catch (RuntimeException e) {
            // Lettuce's message may quote the URI, password and all.
            throw new IllegalArgumentException("not a Redis URI: " + safe(redis));
        }
        uri.setTimeout(timeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, uri);
        // Each connection's own timeout applies: the blocking readers' is longer than their wait.
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build());
        this.blockingTimeout = BlockingReader.WAIT.plusSeconds(1).compareTo(timeout) > 0
                ? BlockingReader.WAIT.plusSeconds(1) : timeout;
        try {
            this.shared = client.connect();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Redis at " + safe(redis) + " cannot be reached: " + e.getClass().getSimpleName());
        }
    }

    /** {@code scheme://host:port}: what a message may say of a Redis URI (never its password). */
    static String safe(URI redis) {
        String host = redis.getHost() == null ? "?" : redis.getHost();
        return redis.getScheme() + "://" + host + (redis.getPort() < 0 ? "" : ":" + redis.getPort());
    }

    StatefulRedisConnection<String, String> shared() {
        return shared;
    }

    /** A new connection for one blocking reader; the reader closes it. */
    StatefulRedisConnection<String, String> blocking() {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(blockingTimeout);
        return connection;
    }

    @Override
    public void close() {
        if (shared != null) shared.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
