package dev.webwxbot.cluster.stream;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual thread that reads Redis streams with blocking reads on a connection of its own (a blocking read holds
 * its connection while it waits), over and over until closed. A failed read is logged once per outage, its
 * connection dropped, and the read tried again after a pause; the return of Redis is logged once too.
 */
final class BlockingReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlockingReader.class);
    /** How long one read waits for entries, and the pause after a failed one. */
    static final Duration WAIT = Duration.ofMillis(500);

    /** One read and the handling of what it brought. */
    @FunctionalInterface
    interface Read {
        void once(StatefulRedisConnection<String, String> connection);
    }

    private final String name;
    private final StreamLink link;
    private final Read read;
    private final Thread thread;
    private volatile boolean closed;

    BlockingReader(String name, StreamLink link, Read read) {
        this.name = name;
        this.link = link;
        this.read = read;
        this.thread = Thread.ofVirtual().name("webwx-" + name).start(this::run);
    }

    private void run() {
        boolean failing = false;
        StatefulRedisConnection<String, String> connection = null;
        while (!closed) {
            try {
                if (connection == null) connection = link.blocking();
                read.once(connection);
                if (failing) log.info("{}: reading from Redis again", name);
                failing = false;
            } catch (RuntimeException e) {
                if (closed) break;
                if (!failing) log.warn("{}: reading from Redis failed, retrying: {}", name, e.toString());
                failing = true;
                // Closed here, by the reader: Lettuce warns when its shutdown finds a connection being closed.
                if (connection != null) connection.close();
                connection = null;
                rest();
            }
        }
        if (connection != null) connection.close();
    }

    /** Waits {@link #WAIT} (between failed reads, or when there is nothing to read yet). */
    static void rest() {
        try {
            Thread.sleep(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
