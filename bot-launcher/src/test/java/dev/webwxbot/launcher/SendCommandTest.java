package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot send ...} against a fake of the daemon's API: the request it makes and what it prints. */
class SendCommandTest {

    private static final String MESSAGES = "POST /api/v1/accounts/alice/messages";
    private static final String RECEIPT = """
            {"status":"sent","msgId":"123","localId":"456","attempts":1,"to":"@abc"}""";

    @TempDir
    Path dataDir;

    private FakeDaemonApi daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = new FakeDaemonApi().announceIn(dataDir.resolve("data"));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private ApiCommandRun send(String... args) {
        String[] all = new String[args.length + 7];
        System.arraycopy(new String[] {"send", "--data-dir", dataDir.resolve("data").toString(), "--account", "alice",
                "--to", "Alice"}, 0, all, 0, 7);
        System.arraycopy(args, 0, all, 7, args.length);
        return ApiCommandRun.of(all);
    }

    @Test
    void aTextIsPostedAsJsonWithItsMentions() throws IOException {
        daemon.answer(MESSAGES, 200, RECEIPT);

        ApiCommandRun run = send("hello", "there", "--mention", "Bob", "--mention", "小明");

        assertEquals(0, run.exit(), run.err());
        assertEquals("sent to Alice: msgId 123\n", run.out());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        assertEquals(MESSAGES, request.method() + " " + request.path());
        assertEquals("Bearer " + FakeDaemonApi.TOKEN, request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"to\":\"Alice\",\"text\":\"hello there\",\"mentions\":[\"Bob\",\"小明\"]}"),
                json.readTree(request.body()));
    }

    @Test
    void aTextWithoutMentionsSendsNoMentionsField() throws IOException {
        daemon.answer(MESSAGES, 200, RECEIPT);

        assertEquals(0, send("hi").exit());

        assertEquals(new ObjectMapper().readTree("{\"to\":\"Alice\",\"text\":\"hi\"}"),
                new ObjectMapper().readTree(daemon.onlyRequest().body()));
    }

    @Test
    void anImageIsPostedAsMultipartFormData() throws IOException {
        daemon.answer(MESSAGES, 200, RECEIPT);
        byte[] picture = {(byte) 0xff, (byte) 0xd8, '\r', '\n', '-', '-', 0, (byte) 0xd9};
        Path file = Files.write(dataDir.resolve("cat \"best\".jpg"), picture);

        ApiCommandRun run = send("--image", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("sent to Alice: msgId 123\n", run.out());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        String contentType = request.header("Content-Type");
        assertTrue(contentType.startsWith("multipart/form-data; boundary="), contentType);
        List<MultipartTest.Part> parts = MultipartTest.parse(request.body(), contentType.substring(contentType.indexOf('=') + 1));
        assertEquals(3, parts.size(), parts.toString());
        assertEquals("form-data; name=\"to\"", parts.get(0).disposition());
        assertEquals("Alice", parts.get(0).text());
        assertEquals("form-data; name=\"type\"", parts.get(1).disposition());
        assertEquals("image", parts.get(1).text());
        assertEquals("form-data; name=\"file\"; filename=\"cat _best_.jpg\"", parts.get(2).disposition());
        assertEquals("image/jpeg", parts.get(2).contentType());
        assertArrayEquals(picture, parts.get(2).content());
    }

    @Test
    void eachMediaOptionNamesItsType() throws IOException {
        daemon.answer(MESSAGES, 200, RECEIPT);
        for (String type : List.of("file", "video", "emoticon")) {
            Path file = Files.writeString(dataDir.resolve("x." + type), type);
            assertEquals(0, send("--" + type, file.toString()).exit());
        }
        List<String> types = daemon.requests().stream().map(request -> {
            String contentType = request.header("Content-Type");
            return MultipartTest.parse(request.body(), contentType.substring(contentType.indexOf('=') + 1)).get(1).text();
        }).toList();
        assertEquals(List.of("file", "video", "emoticon"), types);
    }

    @Test
    void aRefusedSendPrintsTheReasonAndDetailOnStderr() {
        daemon.answer(MESSAGES, 429, """
                {"type":"https://webwx-bot.dev/problems/throttled","title":"Too Many Requests","status":429,
                 "reason":"THROTTLED","detail":"the server limits how fast this account may send"}""");

        ApiCommandRun run = send("hi");

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals("webwx-bot: not sent to Alice: THROTTLED: the server limits how fast this account may send\n",
                run.err());
    }

    @Test
    void aProblemWithoutDetailFallsBackToItsTitle() {
        daemon.answer(MESSAGES, 502, "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502}");

        ApiCommandRun run = send("hi");

        assertEquals(1, run.exit());
        assertEquals("webwx-bot: not sent to Alice: Bad Gateway\n", run.err());
    }

    @Test
    void aRefusedTokenNamesTheFileItCameFrom() throws IOException {
        Files.writeString(dataDir.resolve("data/api-token"), "wrong");

        ApiCommandRun run = send("hi");

        assertEquals(1, run.exit());
        assertTrue(run.err().endsWith("the token in " + dataDir.resolve("data/api-token").toAbsolutePath()
                + " was refused\n"), run.err());
    }

    @Test
    void textAndMediaTogetherAreAMistake() throws IOException {
        Path file = Files.writeString(dataDir.resolve("a.png"), "x");

        ApiCommandRun run = send("hi", "--image", file.toString());

        assertEquals(Main.CONFIGURATION_ERROR, run.exit());
        assertTrue(run.err().contains("either a TEXT or one of --image"), run.err());
        assertEquals(List.of(), daemon.requests());
    }

    @Test
    void nothingToSendIsAMistake() {
        ApiCommandRun run = send();

        assertEquals(Main.CONFIGURATION_ERROR, run.exit());
        assertEquals(List.of(), daemon.requests());
    }

    @Test
    void aMentionOnMediaIsAMistake() throws IOException {
        Path file = Files.writeString(dataDir.resolve("a.png"), "x");

        ApiCommandRun run = send("--image", file.toString(), "--mention", "Bob");

        assertEquals(Main.CONFIGURATION_ERROR, run.exit());
        assertTrue(run.err().contains("--mention goes with a text"), run.err());
    }

    @Test
    void aMissingFileIsAMistakeBeforeAnyRequest() {
        ApiCommandRun run = send("--file", dataDir.resolve("nope.pdf").toString());

        assertEquals(Main.CONFIGURATION_ERROR, run.exit());
        assertTrue(run.err().contains("nope.pdf: no such readable file"), run.err());
        assertEquals(List.of(), daemon.requests());
    }

    @Test
    void withoutADaemonItSaysSo() throws IOException {
        Files.delete(dataDir.resolve("data/api.json"));

        ApiCommandRun run = send("hi");

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no daemon is serving the API for " + dataDir.resolve("data").toAbsolutePath()
                + " (start it with webwx-bot run and api.enabled = true)"), run.err());
    }
}
