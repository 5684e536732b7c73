package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads JSON request bodies whatever the content type says (PROTOCOL.md 0.3) and writes the wire records.
 * Thread-safe.
 */
final class JsonBodies {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(8 * 1024 * 1024).maxNumberLength(64).build());
    }

    private JsonBodies() {
    }

    /** The body as a JSON object; an empty body counts as {@code {}}; anything else that is not an object is empty. */
    static Optional<JsonNode> parseObject(byte[] body) {
        if (isBlank(body)) {
            return Optional.of(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** A wire record as a mutable JSON object, for answers that add fields to a shared shape. */
    static com.fasterxml.jackson.databind.node.ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static Reply json(Object value) {
        return Reply.json(write(value));
    }

    /** A string or number field as text ({@code Uin}, {@code LocalID}, {@code Type} arrive as either), or {@code null}. */
    static String scalarText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.asText();
    }

    /** A string or number field as an int, or {@code fallback} when absent or not a whole number. */
    static int scalarInt(JsonNode parent, String field, int fallback) {
        String text = scalarText(parent, field);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static long scalarLong(JsonNode parent, String field, long fallback) {
        String text = scalarText(parent, field);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
