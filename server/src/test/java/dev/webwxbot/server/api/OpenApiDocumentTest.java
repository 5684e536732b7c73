package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final String ACCOUNT = "GET /api/v1/accounts/{account}";
    private static final String ALICE = """
            {"id":"alice","state":"ONLINE","self":{"id":"@abc","name":"Bot"},"qrUrl":null,"contacts":123}""";

    @Test
    void documentIsOpenApi31WithVersion1() {
        JsonNode root = DOCUMENT.root();
        assertEquals("3.1.0", root.path("openapi").asText());
        assertEquals("1.3.0", root.path("info").path("version").asText(),
                "1.1: quote replies (quotedMsgId); 1.2: paused chats; 1.3: the live event stream, plugin config, one"
                        + " message's trace, health");
        assertEquals("http", root.at("/components/securitySchemes/bearer/type").asText());
        assertEquals("bearer", root.at("/components/securitySchemes/bearer/scheme").asText());
        assertTrue(root.path("security").toString().contains("bearer"), "bearer applies to every operation");
    }

    @Test
    void declaresEveryRouteOfTheContract() {
        assertEquals(Set.of(
                "GET /api/v1/accounts", "POST /api/v1/accounts",
                "GET /api/v1/accounts/{account}", "DELETE /api/v1/accounts/{account}",
                "POST /api/v1/accounts/{account}/login", "POST /api/v1/accounts/{account}/logout",
                "GET /api/v1/accounts/{account}/login-guard", "POST /api/v1/accounts/{account}/login-guard/reset",
                "GET /api/v1/accounts/{account}/qr",
                "GET /api/v1/accounts/{account}/contacts", "GET /api/v1/accounts/{account}/contacts/{contact}",
                "GET /api/v1/accounts/{account}/groups/{group}/members",
                "POST /api/v1/accounts/{account}/messages",
                "POST /api/v1/accounts/{account}/messages/{msgId}/revoke",
                "GET /api/v1/accounts/{account}/messages/{msgId}/media",
                "GET /api/v1/messages", "GET /api/v1/accounts/{account}/chats/{chat}/messages",
                "GET /api/v1/events/stream",
                "GET /api/v1/accounts/{account}/chats/paused", "POST /api/v1/accounts/{account}/chats/{chat}/pause",
                "POST /api/v1/accounts/{account}/chats/{chat}/resume",
                "GET /api/v1/plugins", "POST /api/v1/plugins/{plugin}/enable",
                "POST /api/v1/plugins/{plugin}/disable", "POST /api/v1/plugins/{plugin}/reload",
                "GET /api/v1/plugins/{plugin}/config", "GET /api/v1/traces/{account}/{msgId}", "GET /api/v1/health",
                "GET /api/v1/cluster",
                "GET /api/v1/traces", "GET /api/v1/openapi.yaml", "GET /metrics"), DOCUMENT.operations());
    }

    @Test
    void everyReferenceResolves() {
        assertEquals(List.of(), DOCUMENT.unresolvedRefs());
    }

    @Test
    void aReferenceToNothingIsReported() {
        OpenApiDocument broken = OpenApiDocument.parse("""
                openapi: 3.1.0
                components:
                  schemas:
                    A: { $ref: "#/components/schemas/Missing" }
                    B: { $ref: "#/components/schemas/A" }
                """);
        assertEquals(List.of("#/components/schemas/Missing"), broken.unresolvedRefs());
    }

    @Test
    void everyOperationHasAnOperationIdAndA401() {
        List<String> missing = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (String operation : DOCUMENT.operations()) {
            String[] parts = operation.split(" ", 2);
            JsonNode node = DOCUMENT.operation(parts[0], parts[1]).orElseThrow();
            String id = node.path("operationId").asText();
            if (id.isEmpty()) missing.add(operation + ": no operationId");
            else if (!ids.add(id)) missing.add(operation + ": operationId " + id + " used twice");
            if (!node.path("responses").has("401")) missing.add(operation + ": no 401 response");
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aCorrectAccountConforms() {
        assertEquals(List.of(), validate(ACCOUNT, 200, "application/json; charset=utf-8", ALICE));
        assertEquals(List.of(), validate(ACCOUNT, 200, "application/json", """
                {"id":"bob","state":"LOGGED_OUT","reason":"LOGGED_OUT_ON_PHONE","self":null,"qrUrl":null,"contacts":0}"""));
        assertEquals(List.of(), validate("GET /api/v1/accounts", 200, "application/json",
                "{\"accounts\":[" + ALICE + "]}"));
    }

    @Test
    void aRenamedAccountFieldIsCaught() {
        String renamed = ALICE.replace("\"qrUrl\"", "\"qrURL\"");
        List<String> violations = validate(ACCOUNT, 200, "application/json", renamed);
        assertTrue(violations.stream().anyMatch(v -> v.contains("qrURL")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("qrUrl")), "the missing field is named too: " + violations);
    }

    @Test
    void aRenamedFieldInsideAListIsCaught() {
        List<String> violations = validate("GET /api/v1/accounts", 200, "application/json",
                "{\"accounts\":[" + ALICE.replace("\"contacts\"", "\"contactCount\"") + "]}");
        assertFalse(violations.isEmpty());
    }

    @Test
    void anUnknownStateIsCaught() {
        assertFalse(validate(ACCOUNT, 200, "application/json", ALICE.replace("ONLINE", "Online")).isEmpty());
    }

    @Test
    void problemsConformAndAProblemWithoutStatusDoesNot() {
        assertEquals(List.of(), validate(ACCOUNT, 401, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}"));
        assertEquals(List.of(), validate("POST /api/v1/accounts/{account}/messages", 429, "application/problem+json", """
                {"type":"https://webwx-bot.dev/problems/throttled","title":"Too Many Requests","status":429,
                 "detail":"the account's send limits","reason":"THROTTLED"}"""));
        assertFalse(validate(ACCOUNT, 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\"}").isEmpty());
    }

    @Test
    void anUndeclaredStatusOrContentTypeIsCaught() {
        assertFalse(validate(ACCOUNT, 418, "application/json", ALICE).isEmpty());
        assertFalse(validate(ACCOUNT, 200, "text/html", ALICE).isEmpty());
        assertFalse(validate(ACCOUNT, 200, null, ALICE).isEmpty());
        assertFalse(validate("GET /api/v1/nothing", 200, "application/json", "{}").isEmpty());
    }

    @Test
    void bodiesThatAreNotJsonAreCaught() {
        assertFalse(validate(ACCOUNT, 200, "application/json", "{\"id\":").isEmpty());
        assertFalse(validate(ACCOUNT, 200, "application/json", "").isEmpty());
    }

    @Test
    void noContentMeansNoBody() {
        assertEquals(List.of(), validate("DELETE /api/v1/accounts/{account}", 204, null, ""));
        assertFalse(validate("DELETE /api/v1/accounts/{account}", 204, "application/json", ALICE).isEmpty());
    }

    @Test
    void binaryAndTextAnswersAreCheckedByContentTypeOnly() {
        String media = "GET /api/v1/accounts/{account}/messages/{msgId}/media";
        assertEquals(List.of(), validate(media, 200, "image/jpeg", "\u00ff\u00d8"));
        assertEquals(List.of(), validate(media, 200, "application/octet-stream", "x"));
        assertEquals(List.of(), validate("GET /api/v1/accounts/{account}/qr", 200, "image/png", "\u0089PNG"));
        assertFalse(validate("GET /api/v1/accounts/{account}/qr", 200, "image/jpeg", "x").isEmpty());
        assertEquals(List.of(), validate("GET /metrics", 200, "text/plain; version=0.0.4; charset=utf-8", "# HELP\n"));
    }

    @Test
    void otherSchemasCatchRenamesToo() {
        String receipt = "{\"status\":\"sent\",\"msgId\":\"123\",\"localId\":\"456\",\"attempts\":1,\"to\":\"@abc\"}";
        String send = "POST /api/v1/accounts/{account}/messages";
        assertEquals(List.of(), validate(send, 200, "application/json", receipt));
        assertFalse(validate(send, 200, "application/json", receipt.replace("msgId", "msgid")).isEmpty());

        String plugin = "{\"id\":\"echo\",\"version\":\"0.1.0\",\"state\":\"ACTIVE\",\"reason\":\"\",\"handled\":3,\"failures\":0}";
        assertEquals(List.of(), validate("POST /api/v1/plugins/{plugin}/enable", 200, "application/json", plugin));
        assertFalse(validate("GET /api/v1/plugins", 200, "application/json",
                "{\"plugins\":[" + plugin.replace("failures", "failed") + "]}").isEmpty());

        String trace = """
                {"traces":[{"account":"alice","event":"message.text","chat":"Alice","time":"2026-12-06T22:00:00Z",
                 "replied":false,"steps":[{"plugin":"echo","handler":"EchoHandler","outcome":"CONTINUED","millis":3}]}]}""";
        assertEquals(List.of(), validate("GET /api/v1/traces", 200, "application/json", trace));
        assertFalse(validate("GET /api/v1/traces", 200, "application/json", trace.replace("millis", "ms")).isEmpty());

        String members = "{\"members\":[{\"id\":\"@m\",\"name\":\"Bob\",\"displayName\":\"\"}]}";
        String membersRoute = "GET /api/v1/accounts/{account}/groups/{group}/members";
        assertEquals(List.of(), validate(membersRoute, 200, "application/json", members));
        assertFalse(validate(membersRoute, 200, "application/json", members.replace("displayName", "display")).isEmpty());
    }

    @Test
    void everyExampleInTheDocumentConformsToItsSchema() {
        List<String> violations = new ArrayList<>();
        int examples = 0;
        for (var schema : DOCUMENT.root().path("components").path("schemas").properties()) {
            JsonNode example = schema.getValue().path("example");
            if (example.isMissingNode()) continue;
            examples++;
            violations.addAll(DOCUMENT.validateSchema(schema.getKey(), example.toString()));
        }
        JsonNode unauthorized = DOCUMENT.root().at("/components/responses/Unauthorized/content/application~1problem+json/example");
        violations.addAll(DOCUMENT.validateSchema("Problem", unauthorized.toString()));
        assertEquals(List.of(), violations);
        assertTrue(examples >= 5, "the document's examples are checked: " + examples);
    }

    @Test
    void aSchemaCanBeCheckedByName() {
        assertEquals(List.of(), DOCUMENT.validateSchema("Account", ALICE));
        assertFalse(DOCUMENT.validateSchema("Contact", ALICE).isEmpty());
    }

    private static List<String> validate(String operation, int status, String contentType, String body) {
        String[] parts = operation.split(" ", 2);
        return DOCUMENT.validate(parts[0], parts[1], status, contentType, body);
    }
}
