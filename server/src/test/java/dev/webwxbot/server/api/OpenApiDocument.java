package dev.webwxbot.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's OpenAPI 3.1 document as a test oracle: which operations it declares, and whether an answer (status,
 * content type, body) is one the document allows for an operation. Thread-safe (compiled schemas are cached in a
 * concurrent map); immutable otherwise.
 *
 * <p>OpenAPI 3.1 schemas are JSON Schema 2020-12, so a response schema is checked by networknt's validator with the
 * OpenAPI 3.1 dialect (which knows {@code example} and friends). {@code #/components/schemas/X} references are made
 * resolvable by copying the components into the checked schema's {@code $defs} and rewriting each reference to
 * {@code #/$defs/X}: the schema then stands alone, and no URI scheme or resource loader has to be configured.
 */
public final class OpenApiDocument {

    static final String RESOURCE = "/dev/webwxbot/server/api/openapi.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";

    private final JsonNode root;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The document the server ships, from the class path. */
    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
            return new OpenApiDocument(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document from its YAML (or JSON) text; for tests of this class. */
    static OpenApiDocument parse(String yaml) {
        try {
            return new OpenApiDocument(YAML.readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** The parsed document, for checks of its own. */
    JsonNode root() {
        return root;
    }

    /** Every operation as {@code "GET /api/v1/accounts/{account}"}, sorted. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        root.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        });
        return operations;
    }

    /** The operation object of {@code "GET /path"}, if the document declares it. */
    Optional<JsonNode> operation(String method, String pathTemplate) {
        JsonNode operation = root.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        return operation.isObject() ? Optional.of(operation) : Optional.empty();
    }

    /** Every {@code $ref} in the document that does not point at a node of it (only local references are allowed). */
    List<String> unresolvedRefs() {
        List<String> unresolved = new ArrayList<>();
        collectRefs(root, unresolved);
        unresolved.removeIf(ref -> ref.startsWith("#/") && !root.at(ref.substring(1)).isMissingNode());
        return unresolved;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.get("$ref") instanceof TextNode ref) refs.add(ref.textValue());
        node.forEach(child -> collectRefs(child, refs));
    }

    /**
     * What is wrong with an answer of the operation {@code method pathTemplate}: an undeclared operation or status, a
     * content type the response does not declare, a body where none is declared (or none where one is), and every
     * schema violation of a JSON body. Empty when the answer conforms.
     *
     * @param contentType the answer's Content-Type header (parameters such as charset are ignored); null when absent
     * @param body the answer's body as text; null or empty when there is none
     */
    public List<String> validate(String method, String pathTemplate, int status, String contentType, String body) {
        String where = method.toUpperCase(Locale.ROOT) + " " + pathTemplate + " " + status;
        Optional<JsonNode> operation = operation(method, pathTemplate);
        if (operation.isEmpty()) return List.of(where + ": the document declares no such operation");
        JsonNode responses = operation.get().path("responses");
        JsonNode response = responses.path(Integer.toString(status));
        if (response.isMissingNode()) response = responses.path((status / 100) + "XX");
        if (response.isMissingNode()) response = responses.path("default");
        if (response.isMissingNode()) {
            return List.of(where + ": status not declared (declared: " + names(responses) + ")");
        }
        response = deref(response);
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            return hasBody ? List.of(where + ": no body declared, got " + body.length() + " characters") : List.of();
        }
        if (contentType == null || contentType.isBlank()) return List.of(where + ": no Content-Type");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Optional<String> declared = matchingMediaType(content, mediaType);
        if (declared.isEmpty()) {
            return List.of(where + ": Content-Type " + mediaType + " not declared (declared: " + names(content) + ")");
        }
        if (!isJson(mediaType)) return List.of();
        if (!hasBody) return List.of(where + ": empty body, " + mediaType + " declared");
        JsonNode schemaNode = content.path(declared.get()).path("schema");
        if (schemaNode.isMissingNode()) return List.of();
        try {
            JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(where + ": body is not JSON: " + e.getOriginalMessage());
        }
        Schema schema = compiled.computeIfAbsent(method + " " + pathTemplate + " " + status + " " + declared.get(),
                key -> registry.getSchema(standalone(schemaNode).toString(), InputFormat.JSON));
        return violations(where, schema, body);
    }

    /** What is wrong with {@code json} as an instance of {@code #/components/schemas/<name>}; empty when it conforms. */
    List<String> validateSchema(String name, String json) {
        if (root.path("components").path("schemas").path(name).isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        Schema schema = compiled.computeIfAbsent("#" + name, key -> registry.getSchema(
                standalone(JSON.createObjectNode().put("$ref", COMPONENT_SCHEMAS + name)).toString(), InputFormat.JSON));
        return violations(name, schema, json);
    }

    private static List<String> violations(String where, Schema schema, String json) {
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            String at = String.valueOf(error.getInstanceLocation());
            violations.add(where + ": " + (at.isEmpty() ? "$" : at) + ": " + error.getMessage().strip());
        }
        return violations;
    }

    /** A response given as {@code $ref: '#/components/responses/X'} is replaced by what it points at. */
    private JsonNode deref(JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalStateException("only local references are supported: " + ref);
            node = root.at(ref.substring(1));
        }
        return node;
    }

    /** The declared media type (or range such as {@code image/*}) that covers {@code mediaType}. */
    private static Optional<String> matchingMediaType(JsonNode content, String mediaType) {
        if (content.has(mediaType)) return Optional.of(mediaType);
        String range = mediaType.split("/", 2)[0] + "/*";
        if (content.has(range)) return Optional.of(range);
        return content.has("*/*") ? Optional.of("*/*") : Optional.empty();
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** The schema with every component schema under {@code $defs} and references pointing there. */
    private ObjectNode standalone(JsonNode schema) {
        ObjectNode copy = JSON.createObjectNode();
        copy.setAll((ObjectNode) rewriteRefs(schema.deepCopy()));
        copy.set("$defs", rewriteRefs(root.path("components").path("schemas").deepCopy()));
        return copy;
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("$ref") instanceof TextNode ref && ref.textValue().startsWith(COMPONENT_SCHEMAS)) {
                object.put("$ref", "#/$defs/" + ref.textValue().substring(COMPONENT_SCHEMAS.length()));
            }
        }
        node.forEach(OpenApiDocument::rewriteRefs);
        return node;
    }

    private static String names(JsonNode object) {
        return String.join(", ", object.properties().stream().map(Map.Entry::getKey).toList());
    }
}
