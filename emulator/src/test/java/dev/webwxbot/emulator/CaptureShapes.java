package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real captures of {@code testdata/corpus} (see its README) and the rule the emulator's answers are held to
 * against them: every key that all captures of a kind carry is sent, no key that none of them carries is, and
 * each key has a JSON type some capture gives it.
 */
final class CaptureShapes {
    static final Path CORPUS = Path.of("../testdata/corpus");
    /** Keys clients add to messages after receipt (corpus README, "Caveats"); not the server's. */
    private static final Set<String> CLIENT_KEYS = Set.of("Type", "Text", "groupMsg", "ActualUserName",
            "ActualNickName", "isAt", "LocalID", "ClientMsgId");

    private CaptureShapes() {
    }

    /** A corpus file; for {@code http/} exchanges the response body. */
    static JsonNode load(String relative) {
        try {
            JsonNode node = WireClient.JSON.readTree(Files.readString(CORPUS.resolve(relative)));
            return relative.startsWith("http/") ? node.path("response").path("body") : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole {@code http/} exchange (request, response with status and headers). */
    static JsonNode exchange(String name) {
        try {
            return WireClient.JSON.readTree(Files.readString(CORPUS.resolve("http").resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample of a corpus folder (sidecars left out), plus the given extra files. */
    static List<JsonNode> folder(String folder, String... extra) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS.resolve(folder))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.endsWith(".source.json"))
                    .sorted().forEach(n -> out.add(load(folder + "/" + n)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String file : extra) {
            out.add(load(file));
        }
        return out;
    }

    /** The objects under {@code field} (an array) of every node. */
    static List<JsonNode> elements(List<JsonNode> nodes, String field) {
        List<JsonNode> out = new ArrayList<>();
        nodes.forEach(node -> node.path(field).forEach(out::add));
        return out;
    }

    /** A received message as the server sent it: client-added keys dropped (corpus README, "Caveats"). */
    static JsonNode serverShape(JsonNode message) {
        ObjectNode copy = message.deepCopy();
        List<String> drop = new ArrayList<>();
        copy.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("MM") || name.startsWith("_") || name.startsWith("$$") || CLIENT_KEYS.contains(name)) {
                drop.add(name);
            }
        });
        copy.remove(drop);
        return copy;
    }

    /** Asserts the rule of this class for each of {@code ours} against {@code captures}. */
    static void assertSameShape(String what, List<JsonNode> captures, List<JsonNode> ours) {
        assertTrue(!captures.isEmpty(), what + ": no capture to compare with");
        assertTrue(!ours.isEmpty(), what + ": nothing of ours to compare");
        Set<String> required = null;
        Map<String, Set<JsonNodeType>> allowed = new LinkedHashMap<>();
        for (JsonNode capture : captures) {
            Set<String> keys = new LinkedHashSet<>();
            capture.fields().forEachRemaining(e -> {
                keys.add(e.getKey());
                allowed.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue().getNodeType());
            });
            if (required == null) {
                required = keys;
            } else {
                required.retainAll(keys);
            }
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode node : ours) {
            for (String key : required) {
                if (!node.has(key)) {
                    problems.add("missing " + key);
                }
            }
            node.fields().forEachRemaining(e -> {
                Set<JsonNodeType> types = allowed.get(e.getKey());
                if (types == null) {
                    problems.add("not in any capture: " + e.getKey());
                } else if (!types.contains(e.getValue().getNodeType())) {
                    problems.add(e.getKey() + " is " + e.getValue().getNodeType() + ", captured as " + types);
                }
            });
        }
        assertTrue(problems.isEmpty(), what + ": " + new LinkedHashSet<>(problems));
    }
}
