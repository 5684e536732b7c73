package dev.webwxbot.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CompactObjectFieldsTest {

    private static final Path CORPUS = Path.of("../testdata/corpus");

    @Test
    void behavesAsAnInsertionOrderedMapThroughSmallAndLargeSizes() {
        Random random = new Random(20261207);
        for (int run = 0; run < 200; run++) {
            CompactObjectFields fields = new CompactObjectFields();
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            int keySpace = 1 + random.nextInt(3 * CompactObjectFields.MAX_SCANNED);
            for (int step = 0; step < 400; step++) {
                // new String: equal keys that are not the same object must still be found
                String key = new String("k" + random.nextInt(keySpace));
                int operation = random.nextInt(10);
                if (operation < 6) {
                    IntNode value = IntNode.valueOf(step);
                    assertEquals(expected.put(key, value), fields.put(key, value), "put " + key);
                } else if (operation < 8) {
                    assertEquals(expected.remove(key), fields.remove(key), "remove " + key);
                } else if (operation < 9) {
                    removeEveryOtherThroughTheIterator(expected, fields);
                } else {
                    assertEquals(expected.get(key), fields.get(key), "get " + key);
                    assertEquals(expected.containsKey(key), fields.containsKey(key), "containsKey " + key);
                }
                assertEquals(expected.size(), fields.size());
                assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(fields.entrySet()), "order");
            }
            assertEquals(expected, fields);
            assertEquals(expected.hashCode(), fields.hashCode());
            fields.clear();
            assertTrue(fields.isEmpty());
        }
    }

    private static void removeEveryOtherThroughTheIterator(Map<String, JsonNode> expected, Map<String, JsonNode> fields) {
        for (Map<String, JsonNode> map : List.of(expected, fields)) {
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator(); it.hasNext(); index++) {
                it.next();
                if (index % 2 == 0) it.remove();
            }
        }
    }

    @Test
    void anEntryWritesThroughAndAChangeDuringIterationIsReported() {
        CompactObjectFields fields = new CompactObjectFields();
        fields.put("a", IntNode.valueOf(1));
        fields.put("b", IntNode.valueOf(2));
        fields.entrySet().iterator().next().setValue(IntNode.valueOf(7));
        assertEquals(IntNode.valueOf(7), fields.get("a"));

        Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();
        it.next();
        fields.put("c", IntNode.valueOf(3));
        assertThrows(ConcurrentModificationException.class, it::next);
    }

    @Test
    void objectsOfTheProtocolMapperKeepTheirFieldsCompactly() throws MalformedResponseException {
        JsonNode tree = Json.parse("{\"BaseResponse\":{\"Ret\":0,\"ErrMsg\":\"\"},\"AddMsgCount\":0}"
                .getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(CompactObjectFields.class, fieldsOf((ObjectNode) tree));
        assertInstanceOf(CompactObjectFields.class, fieldsOf((ObjectNode) tree.get("BaseResponse")));
        assertInstanceOf(CompactObjectFields.class, fieldsOf(Json.MAPPER.createObjectNode()));
        assertEquals(0, tree.path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void everyCapturedBodyReadsAsTheSameTreeAsWithJacksonsDefaultMaps() throws IOException {
        ObjectMapper plain = new ObjectMapper();
        int compared = 0;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                byte[] body = Files.readAllBytes(file);
                JsonNode expected;
                try {
                    expected = plain.readTree(body);
                } catch (IOException notJson) {
                    continue; // a capture kept for its bytes (truncated on purpose): nothing to compare
                }
                JsonNode compact = Json.parse(body);
                assertEquals(expected, compact, file.toString());
                assertEquals(plain.writeValueAsString(expected), Json.MAPPER.writeValueAsString(compact),
                        "field order of " + file);
                compared++;
            }
        }
        assertTrue(compared > 50, "only " + compared + " corpus files compared");
    }

    @Test
    void anObjectWithManyFieldsReadsCompletelyAndInOrder() throws MalformedResponseException {
        StringBuilder body = new StringBuilder("{");
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        JsonNode tree = Json.parse(body.append('}').toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(count, tree.size());
        assertEquals(12_345, tree.path("f12345").asInt());
        Iterator<String> names = tree.fieldNames();
        for (int i = 0; i < count; i++) assertEquals("f" + i, names.next());
    }

    @Test
    void aRepeatedFieldKeepsItsFirstPlaceAndTheLastValueAsJacksonDoes() throws IOException {
        byte[] body = "{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8);
        JsonNode compact = Json.parse(body);
        assertEquals(new ObjectMapper().readTree(body), compact);
        assertEquals("{\"a\":3,\"b\":2}", Json.MAPPER.writeValueAsString(compact));
    }

    private static Map<String, JsonNode> fieldsOf(ObjectNode node) {
        try {
            var children = ObjectNode.class.getDeclaredField("_children");
            children.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, JsonNode> map = (Map<String, JsonNode>) children.get(node);
            return map;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
