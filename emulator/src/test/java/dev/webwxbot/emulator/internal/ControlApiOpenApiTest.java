package dev.webwxbot.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control API's OpenAPI document against the API itself, with the JDK's HTTP client: the document declares
 * exactly the routes the emulator answers, every example in it is valid for its schema, and every route, called
 * with its example, answers a status and body the document allows. OpenAPI 3.1 schemas are JSON Schema 2020-12;
 * component references are made local by copying the components under {@code $defs}, as the server module's
 * OpenApiDocument does.
 */
class ControlApiOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    private final JsonNode document = load();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
    private final HttpClient http = HttpClient.newHttpClient();
    private Emulator emulator;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact carol;
    private Contact erin;
    private Contact hikers;
    private Account bot2;

    @BeforeEach
    void world() {
        emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(300)).start();
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        carol = bot.addStranger("Carol");
        erin = bot.addStranger("Erin");
        hikers = bot.addGroup("Weekend hikers", alice, bob);
        bot2 = emulator.addAccount("Bot 2");
    }

    @AfterEach
    void close() {
        http.close();
        emulator.close();
    }

    @Test
    void documentDeclaresExactlyTheControlApiRoutes() {
        assertEquals(new TreeSet<>(ControlApi.ROUTES), operations());
    }

    @Test
    void everyExampleIsValidForItsSchema() {
        List<String> problems = new ArrayList<>();
        int examples = 0;
        for (String operation : operations()) {
            JsonNode media = requestMedia(operation);
            if (media.isMissingNode()) continue;
            List<JsonNode> values = new ArrayList<>();
            if (media.has("example")) values.add(media.get("example"));
            media.path("examples").forEach(example -> values.add(example.get("value")));
            assertFalse(values.isEmpty(), operation + " has a request body without an example");
            for (JsonNode value : values) {
                examples++;
                problems.addAll(violations(operation + " example", media.get("schema"), value));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(examples >= 14, "examples checked: " + examples);
    }

    @Test
    void mentionFieldIsDocumentedAndAnInvalidMessageIsRejectedBySchema() {
        JsonNode message = document.at("/components/schemas/Message");
        assertTrue(message.at("/properties/Names").isObject(), "Names, the mention field");
        assertTrue(message.at("/properties/Kind/enum").toString().contains("mention"));
        List<String> problems = violations("image without bytes", message, JSON.createObjectNode().put("Kind", "image"));
        assertFalse(problems.isEmpty(), "image needs Base64");
    }

    @Test
    void everyRouteCalledWithItsExampleAnswersAsDocumented() throws Exception {
        String uin = Long.toString(bot.uin());
        Map<String, String> ids = Map.of("{uin}", uin, "{wxid}", alice.wxid(), "{group}", hikers.wxid());
        issueQrCode();
        List<String> problems = new ArrayList<>();
        List<String> called = new ArrayList<>();
        // In an order where each call finds what it needs (a QR code to scan, a MsgId to revoke, a rule to remove).
        for (String operation : List.of("GET /__emulator/openapi.yaml", "GET /__emulator/accounts",
                "POST /__emulator/accounts", "POST /__emulator/accounts/{uin}/friends", "GET /__emulator/qr",
                "POST /__emulator/accounts/{uin}/scan", "POST /__emulator/accounts/{uin}/cancel",
                "POST /__emulator/accounts/{uin}/confirm", "GET /__emulator/accounts/{uin}/sent",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/text",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/message",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/revoke",
                "POST /__emulator/accounts/{uin}/phone/message", "POST /__emulator/accounts/{uin}/phone/revoke",
                "POST /__emulator/accounts/{uin}/friend-requests", "POST /__emulator/accounts/{uin}/inject",
                "POST /__emulator/accounts/{uin}/strangers", "POST /__emulator/accounts/{uin}/official-accounts",
                "POST /__emulator/accounts/{uin}/groups", "POST /__emulator/accounts/{uin}/friend-accounts",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/modify",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/head-image",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/flags",
                "POST /__emulator/accounts/{uin}/groups/{group}/members",
                "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/display-name",
                "POST /__emulator/accounts/{uin}/groups/{group}/rename",
                "POST /__emulator/accounts/{uin}/groups/{group}/owner",
                "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/remove",
                "POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/quit",
                "POST /__emulator/accounts/{uin}/groups/{group}/remove-account",
                "POST /__emulator/accounts/{uin}/contacts/{wxid}/delete",
                "POST /__emulator/accounts/{uin}/logout", "POST /__emulator/faults", "GET /__emulator/faults",
                "POST /__emulator/faults/{rule}/remove", "POST /__emulator/faults/clear")) {
            called.add(operation);
            if (operation.endsWith("/confirm")) {
                // cancel left the QR code scannable (cancel code 408): scan it again to have something to confirm.
                assertEquals(200, call("POST", "/__emulator/accounts/" + uin + "/scan",
                        JSON.createObjectNode().put("uuid", lastUuid)).statusCode());
            }
            JsonNode media = requestMedia(operation);
            List<JsonNode> bodies = new ArrayList<>();
            if (media.has("example")) bodies.add(media.get("example"));
            media.path("examples").forEach(example -> bodies.add(example.get("value")));
            if (bodies.isEmpty()) bodies.add(null);
            for (JsonNode example : bodies) {
                String path = operation.split(" ", 2)[1];
                for (Map.Entry<String, String> id : ids.entrySet()) path = path.replace(id.getKey(), id.getValue());
                path = path.replace("{rule}", lastRule);
                // Carol joins (members), gets an in-group name and is removed; Erin, who joined by QR code, quits.
                path = path.replace("{member}", operation.endsWith("/quit") ? erin.wxid() : carol.wxid());
                HttpResponse<String> answer = call(operation.split(" ")[0], path, realValues(operation, example));
                problems.addAll(validateAnswer(operation, answer));
                if (answer.statusCode() == 404 || answer.statusCode() == 400) {
                    problems.add(operation + " answered " + answer.statusCode() + " " + answer.body());
                }
                remember(operation, answer);
            }
        }
        assertEquals(new TreeSet<>(ControlApi.ROUTES), new TreeSet<>(called), "every route is called");
        assertEquals(List.of(), problems);
    }

    @Test
    void undocumentedMethodsOnDocumentedPathsAreUnknown() throws Exception {
        String uin = Long.toString(bot.uin());
        for (String operation : operations()) {
            String method = operation.split(" ")[0];
            String template = operation.split(" ", 2)[1];
            String other = method.equals("GET") ? "POST" : "GET";
            if (operations().contains(other + " " + template)) continue;
            String path = template.replace("{uin}", uin).replace("{wxid}", alice.wxid()).replace("{rule}", "1")
                    .replace("{group}", hikers.wxid()).replace("{member}", bob.wxid());
            HttpResponse<String> answer = call(other, path, null);
            assertEquals(404, answer.statusCode(), other + " " + template + ": " + answer.body());
            assertTrue(answer.body().contains("unknown"), other + " " + template + ": " + answer.body());
        }
    }

    @Test
    void servedDocumentIsTheOneShippedInTheJar() throws Exception {
        HttpResponse<String> answer = call("GET", "/__emulator/openapi.yaml", null);
        assertEquals(200, answer.statusCode());
        assertEquals("application/yaml", answer.headers().firstValue("Content-Type").orElse(""));
        try (InputStream in = ControlApi.class.getResourceAsStream(ControlApi.OPENAPI_RESOURCE)) {
            assertArrayEquals(in.readAllBytes(), answer.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    // Ids the calls hand on to later ones.
    private String lastMsgId = "0";
    private String lastPhoneMsgId = "0";
    private String lastRule = "0";
    private String lastUuid = "";

    private void remember(String operation, HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200 || !answer.body().startsWith("{")) return;
        JsonNode body = JSON.readTree(answer.body());
        if (operation.endsWith("/contacts/{wxid}/message") && body.has("MsgId")) lastMsgId = body.get("MsgId").asText();
        if (operation.endsWith("/phone/message")) lastPhoneMsgId = body.get("MsgId").asText();
        if (operation.equals("POST /__emulator/faults")) lastRule = body.get("Rule").asText();
        if (operation.equals("GET /__emulator/qr")) lastUuid = body.get("uuid").asText();
    }

    /** The example with the placeholder ids of the document replaced by this world's. */
    private JsonNode realValues(String operation, JsonNode example) {
        if (example == null) return null;
        String text = example.toString()
                .replace("1234567890@chatroom", hikers.wxid())
                .replace("wxid_alice", alice.wxid())
                .replace("wxid_bob", bob.wxid())
                .replace("wxid_carol", carol.wxid())
                .replace("wxid_erin", erin.wxid())
                .replace("2000000002", Long.toString(bot2.uin()));
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object && object.has("MsgId")) {
                // contacts/{wxid}/revoke revokes Alice's last message; phone/revoke the phone's.
                object.put("MsgId", operation.endsWith("/phone/revoke") ? lastPhoneMsgId : lastMsgId);
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> validateAnswer(String operation, HttpResponse<String> answer) throws IOException {
        JsonNode responses = operationNode(operation).path("responses");
        JsonNode response = responses.path(Integer.toString(answer.statusCode()));
        if (response.isMissingNode()) {
            return List.of(operation + ": status " + answer.statusCode() + " not declared: " + answer.body());
        }
        if (response.has("$ref")) response = document.at(response.get("$ref").asText().substring(1));
        String contentType = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        JsonNode media = response.path("content").path(contentType);
        if (media.isMissingNode()) return List.of(operation + ": Content-Type " + contentType + " not declared");
        if (!contentType.equals("application/json")) return List.of();
        return violations(operation + " " + answer.statusCode(), media.get("schema"), JSON.readTree(answer.body()));
    }

    private List<String> violations(String where, JsonNode schema, JsonNode value) {
        ObjectNode standalone = JSON.createObjectNode();
        standalone.setAll((ObjectNode) local(schema.deepCopy()));
        standalone.set("$defs", local(document.at("/components/schemas").deepCopy()));
        List<String> out = new ArrayList<>();
        for (Error error : registry.getSchema(standalone.toString(), InputFormat.JSON)
                .validate(value.toString(), InputFormat.JSON)) {
            out.add(where + ": " + error.getInstanceLocation() + ": " + error.getMessage());
        }
        return out;
    }

    private static JsonNode local(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("$ref")) {
            object.put("$ref", object.get("$ref").asText().replace("#/components/schemas/", "#/$defs/"));
        }
        node.forEach(ControlApiOpenApiTest::local);
        return node;
    }

    private Set<String> operations() {
        Set<String> out = new TreeSet<>();
        document.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        });
        return out;
    }

    private JsonNode operationNode(String operation) {
        String[] parts = operation.split(" ", 2);
        return document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
    }

    private JsonNode requestMedia(String operation) {
        return operationNode(operation).path("requestBody").path("content").path("application/json");
    }

    /** A client asks jslogin for a QR uuid, so that scan has one. */
    private void issueQrCode() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                        + "/jslogin?appid=wx782c26e4c19acffb&redirect_uri=https%3A%2F%2Fwx.qq.com%2Fcgi-bin%2Fmmwebwx-bin%2Fwebwxnewloginpage&fun=new&lang=zh_CN"))
                .header("Host", "login.wx.qq.com").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private HttpResponse<String> call(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString()));
        } else {
            request.GET();
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode load() {
        try (InputStream in = ControlApi.class.getResourceAsStream(ControlApi.OPENAPI_RESOURCE)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
