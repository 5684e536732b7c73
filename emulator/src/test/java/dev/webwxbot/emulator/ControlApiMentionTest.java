package dev.webwxbot.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control API's @-mentions: {@code Kind mention} with {@code Names} writes a mention as the phone does; a
 * {@code Kind text} that names the account is sent as typed, and the answer carries a warning saying so (and how to
 * send the mention), instead of passing silently; a mention of nobody is refused.
 */
class ControlApiMentionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConversationLine> lines = new CopyOnWriteArrayList<>();
    private Emulator emulator;
    private Account bot;
    private Contact alice;
    private Contact hikers;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().port(0).start();
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        Contact bob = bot.addFriend("Bob");
        hikers = bot.addGroup("Hikers", alice, bob);
        bot.onConversation(lines::add);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aTextNamingTheAccountInAGroupIsSentAsTypedWithAWarningShowingTheMentionRequest() throws Exception {
        HttpResponse<String> answer = post("/contacts/" + alice.wxid() + "/message",
                "{\"Kind\":\"text\",\"Text\":\"@Bot help\",\"Group\":\"" + hikers.wxid() + "\"}");

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertFalse(body.path("MsgId").asText().isEmpty(), "delivered all the same: " + body);
        String warning = body.path("Warning").asText();
        assertTrue(warning.contains("@Bot") && warning.contains("Kind is text"), warning);
        assertTrue(warning.contains("{\"Kind\":\"mention\",\"Names\":[\"Bot\"],\"Text\":\"help\"}"), warning);
        assertFalse(warning.contains("Group"), "it was sent in a group: " + warning);
        assertTrue(lines.stream().anyMatch(line -> line.text().equals("@Bot help")), "sent exactly as typed: " + lines);
    }

    @Test
    void outsideAGroupTheWarningAlsoSaysAMentionCountsOnlyInOneOnEitherRoute() throws Exception {
        JsonNode message = JSON.readTree(post("/contacts/" + alice.wxid() + "/message",
                "{\"Text\":\"@Bot what time is it?\"}").body());
        assertTrue(message.path("Warning").asText().contains("\"Group\""), message.toString());
        assertTrue(message.path("Warning").asText().contains("\"Text\":\"what time is it?\""), message.toString());

        JsonNode text = JSON.readTree(post("/contacts/" + alice.wxid() + "/text", "{\"Text\":\"hi @Bot\"}").body());
        assertTrue(text.path("Warning").asText().contains("\"Group\""), text.toString());
    }

    @Test
    void aMentionWithNamesAndATextNotNamingTheAccountGetNoWarning() throws Exception {
        JsonNode mention = JSON.readTree(post("/contacts/" + alice.wxid() + "/message",
                "{\"Kind\":\"mention\",\"Names\":[\"Bot\"],\"Text\":\"help\",\"Group\":\"" + hikers.wxid() + "\"}").body());
        assertFalse(mention.has("Warning"), mention.toString());
        assertTrue(lines.stream().anyMatch(line -> line.text().equals("@Bot\u2005help")), "as the phone writes it: " + lines);

        JsonNode plain = JSON.readTree(post("/contacts/" + alice.wxid() + "/message",
                "{\"Kind\":\"text\",\"Text\":\"ask @Bob\",\"Group\":\"" + hikers.wxid() + "\"}").body());
        assertFalse(plain.has("Warning"), plain.toString());
    }

    @Test
    void aMentionOfNobodyIsRefusedNamingTheMissingField() throws Exception {
        HttpResponse<String> answer = post("/contacts/" + alice.wxid() + "/message",
                "{\"Kind\":\"mention\",\"Text\":\"@Bot help\",\"Group\":\"" + hikers.wxid() + "\"}");

        assertEquals(400, answer.statusCode());
        assertTrue(JSON.readTree(answer.body()).path("error").asText().contains("Names"), answer.body());
        assertTrue(lines.isEmpty(), "nothing was delivered: " + lines);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__emulator/accounts/"
                        + bot.uin() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
