package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.testsupport.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webwx-bot log search|tail} against a fake of the daemon's API: the requests and the lines printed. */
class LogCommandTest {

    private static final String SEARCH = "GET /api/v1/messages";

    @TempDir
    Path dataDir;

    private FakeDaemonApi daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = new FakeDaemonApi().announceIn(dataDir);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private static String message(String time, String direction, String kind, String msgId, String chat, String sender,
                                  String text, String status) {
        return """
                {"account":"alice","direction":"%s","kind":"%s","msgId":"%s","localId":"%s",
                 "chat":{"id":"@@team","name":"%s"},"sender":{"id":"@bob","name":"%s","groupName":""},
                 "time":"%s","text":"%s","status":"%s","failure":"","media":null}""".formatted(direction, kind, msgId,
                direction.equals("OUT") ? "l" + msgId : "", chat, sender, time, text, status);
    }

    private static String list(String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "]}";
    }

    private static String local(String iso) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
    }

    private ApiCommandRun log(String... args) {
        return ApiCommandRun.of(Stream.concat(Stream.concat(Stream.of("log"), Arrays.stream(args)),
                Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new));
    }

    private static Map<String, String> query(FakeDaemonApi.Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : request.query().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void searchAsksWithEveryFilterAndPrintsOldestFirstOneLinePerMessage() {
        daemon.answer(SEARCH, 200, list(
                message("2026-12-06T22:00:07Z", "IN", "message.image", "2", "Team", "Bob", "cat.jpg", "received"),
                message("2026-12-06T22:00:05Z", "IN", "message.text", "1", "Team", "Bob", "hello 世界", "received")));

        ApiCommandRun run = log("search", "hello", "世界", "--account", "alice", "--chat", "Team", "--sender", "Bob",
                "--kind", "message.text", "--from", "2026-12-06T00:00:00Z", "--to", "2026-12-07T00:00:00+08:00",
                "--limit", "5");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(local("2026-12-06T22:00:05Z") + "  alice  Team  Bob: hello 世界",
                        local("2026-12-06T22:00:07Z") + "  alice  Team  Bob: [image] cat.jpg"),
                run.out().lines().toList());
        FakeDaemonApi.Request request = daemon.onlyRequest();
        assertEquals("/api/v1/messages", request.path());
        assertEquals(Map.of("q", "hello 世界", "account", "alice", "chat", "Team", "sender", "Bob", "kind", "message.text",
                "from", "2026-12-06T00:00:00Z", "to", "2026-12-06T16:00:00Z", "limit", "5"), query(request));
    }

    @Test
    void sinceAsksFromThatLongAgo() {
        daemon.answer(SEARCH, 200, list());
        Instant before = Instant.now();

        ApiCommandRun run = log("search", "x", "--since", "2h");

        assertEquals(0, run.exit(), run.err());
        assertEquals("no stored message matches\n", run.out());
        Instant from = Instant.parse(query(daemon.onlyRequest()).get("from"));
        assertTrue(!from.isBefore(before.minus(Duration.ofHours(2))) && !from.isAfter(Instant.now().minus(Duration.ofHours(2))),
                from.toString());
    }

    @Test
    void controlCharactersFromTheNetworkAreCleanedAndAFailedSendSaysWhy() {
        String evil = message("2026-12-06T22:00:05Z", "IN", "message.text", "1", "Te\\u001b[2Jam", "B\\u0007ob",
                "line one\\nline two", "received");
        String failed = message("2026-12-06T22:00:06Z", "OUT", "message.text", "", "Team", "", "hi", "failed")
                .replace("\"failure\":\"\"", "\"failure\":\"THROTTLED\"");
        daemon.answer(SEARCH, 200, list(failed, evil));

        ApiCommandRun run = log("search", "line");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(local("2026-12-06T22:00:05Z") + "  alice  Te\uFFFD[2Jam  B\uFFFDob: line one↵line two",
                        local("2026-12-06T22:00:06Z") + "  alice  Team  (bot): hi  (not sent: THROTTLED)"),
                run.out().lines().toList());
    }

    @Test
    void badOptionsAreRefusedBeforeAnyRequest() {
        ApiCommandRun both = log("search", "x", "--since", "2h", "--from", "2026-12-06T00:00:00Z");
        ApiCommandRun since = log("search", "x", "--since", "yesterday");
        ApiCommandRun from = log("search", "x", "--from", "2026-12-06");
        ApiCommandRun limit = log("tail", "-n", "0");

        assertEquals(List.of(2, 2, 2, 2), List.of(both.exit(), since.exit(), from.exit(), limit.exit()));
        assertTrue(both.err().contains("either --since or --from/--to"), both.err());
        assertTrue(since.err().contains("--since must be a duration"), since.err());
        assertTrue(from.err().contains("--from must be an ISO-8601 time"), from.err());
        assertTrue(limit.err().contains("-n must be from 1 to 1000"), limit.err());
        assertEquals(List.of(), daemon.requests());
    }

    @Test
    void aDisabledStoreIsOneLineOnStderr() {
        daemon.answer(SEARCH, 404, """
                {"type":"https://webwx-bot.dev/problems/store-disabled","title":"Not Found","status":404,
                 "detail":"the message store is off (webwx-bot.store.enabled = false)","reason":"STORE_DISABLED"}""");

        ApiCommandRun run = log("search", "x");

        assertEquals(1, run.exit());
        assertEquals("webwx-bot: STORE_DISABLED: the message store is off (webwx-bot.store.enabled = false)\n", run.err());
    }

    @Test
    void tailOfAChatOfAnAccountUsesTheChatRoute() {
        daemon.answer("GET /api/v1/accounts/alice/chats/My%20Team/messages", 200,
                list(message("2026-12-06T22:00:05Z", "IN", "message.text", "1", "Team", "Bob", "hello", "received")));

        ApiCommandRun run = log("tail", "--account", "alice", "--chat", "My Team", "-n", "3");

        assertEquals(0, run.exit(), run.err());
        assertEquals(local("2026-12-06T22:00:05Z") + "  alice  Team  Bob: hello\n", run.out());
        assertEquals("limit=3", daemon.onlyRequest().query());
    }

    @Test
    void tailWithoutAChatSearchesWithNoText() {
        daemon.answer(SEARCH, 200, list());

        ApiCommandRun run = log("tail", "--account", "alice");

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(Map.of("account", "alice", "limit", "20"), query(daemon.onlyRequest()));
    }

    @Test
    void followPrintsEachNewMessageOnceAndAsksFromTheNewestTimeSeen() throws Exception {
        String first = message("2026-12-06T22:00:05Z", "IN", "message.text", "1", "Team", "Bob", "one", "received");
        String second = message("2026-12-06T22:00:09Z", "IN", "message.text", "2", "Team", "Bob", "two", "received");
        daemon.answer(SEARCH, 200, list(first));
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        Thread follower = Thread.ofVirtual().start(() ->
                commandLine.execute("log", "tail", "--follow", "--data-dir", dataDir.toString()));
        awaitRequests(1);
        daemon.answer(SEARCH, 200, list(second, first)); // the first is still at the edge of the window
        awaitRequests(3);
        follower.interrupt();
        follower.join(Duration.ofSeconds(10));

        assertEquals(List.of(local("2026-12-06T22:00:05Z") + "  alice  Team  Bob: one",
                local("2026-12-06T22:00:09Z") + "  alice  Team  Bob: two"), out.toString().lines().toList());
        List<FakeDaemonApi.Request> requests = daemon.requests();
        assertEquals("2026-12-06T22:00:05Z", query(requests.get(1)).get("from"));
        assertEquals("2026-12-06T22:00:09Z", query(requests.get(2)).get("from"));
    }

    private void awaitRequests(int count) {
        Await.until(() -> daemon.requests().size() >= count, () -> count + " requests, got " + daemon.requests(),
                Duration.ofSeconds(10));
    }
}
