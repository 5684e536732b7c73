package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * JSON as the protocol wants it: non-ASCII written as raw UTF-8 and {@code <>&} left alone (PROTOCOL.md 0.3), and
 * read tolerantly, since the server's types drift (numbers as strings, absent fields).
 */
public final class Json {

    /** Thread-safe once configured. Large numbers stay exact: NewMsgId needs all 64 bits. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .nodeFactory(CompactNodes.INSTANCE)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(8 * 1024 * 1024).maxNumberLength(64).build());
    }

    private Json() {
    }

    /** Trees whose objects keep their fields in {@link CompactObjectFields}: the same nodes, fewer allocations. */
    private static final class CompactNodes extends JsonNodeFactory {
        static final CompactNodes INSTANCE = new CompactNodes();

        private CompactNodes() {
            super(); // as JsonNodeFactory.instance: decimals normalised
        }

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new CompactObjectFields());
        }
    }

    /** Parses a response body; the caller decides what a malformed body means for its endpoint. */
    public static JsonNode parse(byte[] body) throws MalformedResponseException {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new MalformedResponseException("body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("body is not JSON: " + e.getMessage());
        }
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own could not be written", e);
        }
    }

    /** The field as text whatever its JSON type; empty when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) return "";
        return value.asText();
    }

    /** The field as an int whatever its JSON type ({@code 3} or {@code "3"}); {@code fallback} when absent. */
    public static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return fallback;
        if (value.canConvertToInt()) return value.asInt();
        try {
            return Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The field as a long whatever its JSON type; {@code fallback} when absent or not a number. */
    public static long longValue(JsonNode node, String field, long fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return fallback;
        if (value.canConvertToLong()) return value.asLong();
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
