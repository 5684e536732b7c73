package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's and the outbox's records in a {@link SessionStateStorage.RecordLog}: each record one JSON text,
 * written before the call returns (so every write is durable as far as the storage is). Thread-safe as the log is.
 */
final class StorageLog implements Records {

    private static final Logger log = LoggerFactory.getLogger(StorageLog.class);

    private final SessionStateStorage.RecordLog records;

    private StorageLog(SessionStateStorage.RecordLog records) {
        this.records = records;
    }

    /** The log named {@code name} opened, with the records it held that could be read (others skipped, counted once). */
    static Opened open(SessionStateStorage storage, String name) {
        SessionStateStorage.RecordLog opened = storage.openLog(name);
        List<JsonNode> read = new ArrayList<>();
        int unreadable = 0;
        for (String text : opened.records()) {
            try {
                read.add(Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (MalformedResponseException | RuntimeException e) {
                unreadable++;
            }
        }
        if (unreadable > 0) log.warn("the stored {} log held {} unreadable record(s); skipped", name, unreadable);
        return new Opened(new StorageLog(opened), read);
    }

    record Opened(StorageLog log, List<JsonNode> records) {
    }

    @Override
    public AppendLog.Commit write(List<? extends JsonNode> written, boolean durable) {
        if (!written.isEmpty()) records.append(texts(written));
        return AppendLog.Commit.NOTHING_TO_FORCE;
    }

    @Override
    public void rewrite(List<? extends JsonNode> written) {
        records.rewrite(texts(written));
    }

    @Override
    public long lines() {
        return records.size();
    }

    @Override
    public void close() {
        records.close();
    }

    private static List<String> texts(List<? extends JsonNode> nodes) {
        List<String> texts = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) texts.add(node.toString());
        return texts;
    }
}
