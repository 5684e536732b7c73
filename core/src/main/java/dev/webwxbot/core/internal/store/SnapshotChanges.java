package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the session's changes file: the fields of the session file's JSON that differ from what was saved
 * last (in practice the sync keys, the refreshed cookies and the time), each replacing its old value, plus the ids
 * of the messages taken in since, which extend the saved list. {@code of} names the session file the line belongs
 * to, so lines left from an older session file are never applied to a newer one. Stateless.
 */
final class SnapshotChanges {

    /** The token of the session file a change line belongs to; in the session file, its own token. */
    static final String OF = "of";
    static final String NEW_IDS = "newMsgIds";

    private SnapshotChanges() {
    }

    /**
     * The change line from the saved state ({@code savedFields}, the session file's JSON without the ids, and
     * {@code savedIds}) to the next one; empty when the next ids are not the saved ones followed by new ones (some
     * were forgotten): only a whole session file can say that.
     */
    static Optional<ObjectNode> between(ObjectNode savedFields, List<String> savedIds, ObjectNode nextFields,
                                        List<String> nextIds, String token) {
        Optional<List<String>> newIds = newIds(savedIds, nextIds);
        if (newIds.isEmpty()) return Optional.empty();
        ObjectNode line = Json.MAPPER.createObjectNode().put(OF, token);
        for (Map.Entry<String, JsonNode> field : nextFields.properties()) {
            if (!field.getValue().equals(savedFields.get(field.getKey()))) line.set(field.getKey(), field.getValue());
        }
        if (!newIds.get().isEmpty()) newIds.get().forEach(line.putArray(NEW_IDS)::add);
        return Optional.of(line);
    }

    /** How many ids a change line adds. */
    static int newIdCount(JsonNode line) {
        return line.path(NEW_IDS).size();
    }

    /** Applies a change line to the session file's JSON: its fields replace, its ids extend the list. */
    static void apply(ObjectNode root, JsonNode line) {
        for (Map.Entry<String, JsonNode> field : line.properties()) {
            switch (field.getKey()) {
                case OF -> { }
                case NEW_IDS -> {
                    JsonNode ids = root.get(SnapshotJson.RECENT_IDS);
                    ArrayNode list = ids instanceof ArrayNode array ? array : root.putArray(SnapshotJson.RECENT_IDS);
                    field.getValue().forEach(list::add);
                }
                default -> root.set(field.getKey(), field.getValue());
            }
        }
    }

    /**
     * The ids {@code next} adds to {@code saved}: the remembered ids only grow at the end and drop the oldest, so
     * {@code next} is a tail of {@code saved} followed by new ids. Empty when it is not (ids were forgotten).
     */
    static Optional<List<String>> newIds(List<String> saved, List<String> next) {
        if (saved.isEmpty()) return Optional.of(next);
        int last = next.lastIndexOf(saved.getLast());
        if (last < 0) {
            // Every saved id dropped out: nothing in between can be checked, so only a whole write is certain.
            return Optional.empty();
        }
        List<String> kept = next.subList(0, last + 1);
        if (kept.size() > saved.size() || !kept.equals(saved.subList(saved.size() - kept.size(), saved.size()))) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(next.subList(last + 1, next.size())));
    }
}
