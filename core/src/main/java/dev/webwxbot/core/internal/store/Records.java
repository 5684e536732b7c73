package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where the inbound journal and the outbox keep their records: a file ({@link AppendLog}) or a session state storage
 * of the operator's ({@link StorageLog}, a cluster's shared store). Thread-safe.
 */
interface Records extends AutoCloseable {

    /**
     * Appends the records; with {@code durable}, the commit's {@link AppendLog.Commit#awaitDisk} returns once they are
     * kept. Callers holding a lock of their own release it before they wait.
     */
    AppendLog.Commit write(List<? extends JsonNode> records, boolean durable);

    /** Appends the records; with {@code durable}, returns only once they are kept. */
    default void append(List<? extends JsonNode> records, boolean durable) {
        write(records, durable).awaitDisk();
    }

    /** Replaces everything by {@code records}, atomically. */
    void rewrite(List<? extends JsonNode> records);

    /** How many records are kept, to decide when a rewrite pays. */
    long lines();

    @Override
    void close();
}
