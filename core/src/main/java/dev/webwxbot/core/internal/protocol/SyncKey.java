package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The sync cursor (PROTOCOL.md 3.2): an ordered list of key/value pairs, sent as JSON to webwxsync and as
 * {@code 1_123|2_456} to synccheck. Immutable.
 */
public record SyncKey(List<Entry> entries) {

    /** One pair of the cursor. */
    public record Entry(int key, long value) {
    }

    public SyncKey {
        entries = List.copyOf(entries);
    }

    public static final SyncKey EMPTY = new SyncKey(List.of());

    /** Reads {@code {"Count": n, "List": [{"Key": 1, "Val": 2}, …]}}; anything malformed yields {@link #EMPTY}. */
    public static SyncKey fromJson(JsonNode node) {
        JsonNode list = node == null ? null : node.get("List");
        if (list == null || !list.isArray()) return EMPTY;
        List<Entry> entries = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            JsonNode key = item.get("Key");
            JsonNode value = item.get("Val");
            if (key == null || value == null || !key.canConvertToInt() || !value.canConvertToLong()) continue;
            entries.add(new Entry(key.asInt(), value.asLong()));
        }
        return new SyncKey(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The JSON object webwxsync takes. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("Count", entries.size());
        ArrayNode list = node.putArray("List");
        for (Entry entry : entries) {
            list.addObject().put("Key", entry.key()).put("Val", entry.value());
        }
        return node;
    }

    /** The {@code Key_Val|Key_Val} form synccheck takes (before URL encoding). */
    public String toSyncCheckString() {
        StringJoiner joined = new StringJoiner("|");
        for (Entry entry : entries) {
            joined.add(entry.key() + "_" + entry.value());
        }
        return joined.toString();
    }
}
