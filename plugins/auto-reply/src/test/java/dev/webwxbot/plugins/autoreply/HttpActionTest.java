package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http action against a web server the test runs: what it sends, what it answers, and how it fails. */
class HttpActionTest {

    private static final String SECRET = "s3cret-token-42";
    private static final Environment ENV = Environment.of(Map.of("WEATHER_TOKEN", SECRET, "API_BASE", "unused"));
    private static final ZonedDateTime NOON = ZonedDateTime.of(2024, 5, 6, 12, 0, 0, 0, ZoneOffset.UTC);

    private final FakeWebServer server = FakeWebServer.start();
    private final RemoteCalls calls = new RemoteCalls();


    @AfterEach
    void stop() {
        calls.close();
        server.close();
    }

    static HttpAction action(String block, Placeholders placeholders) {
        List<InvalidSettingsException> problems = new ArrayList<>();
        Optional<HttpAction> action = HttpAction.read(Fixtures.settings("http {" + block + "}").section("http"),
                HttpAction.Limits.DEFAULTS, placeholders, ENV, problems);
        assertEquals(List.of(), problems.stream().map(Throwable::getMessage).toList());
        return action.orElseThrow();
    }

    private HttpAction action(String block) {
        return action(block, Placeholders.NONE);
    }

    static Template.TemplateValues message(String sender, String text) {
        return message(sender, text, NOON);
    }

    /** The placeholders of a friend's text message. */
    static Template.TemplateValues message(String sender, String text, ZonedDateTime now) {
        return new Template.TemplateValues(Map.of("sender", sender, "group", "", "chat", sender, "text", text), now,
                Captures.NONE);
    }

    @Test
    void postsTheBodyWithTheMessageJsonEscapedAndAnswersWithTheFieldTheJsonPointerNames() throws Exception {
        server.answer(FakeWebServer.json(200, "{\"data\": {\"answer\": \"Sunny, 25°C\"}}"));
        HttpAction action = action("url = \"" + server.base() + "/ask\", answer = \"/data/answer\","
                + " reply = \"Weather: {answer}\", body { question = \"{text}\", user = \"{sender}\", n = 3,"
                + " exact = 1.50, flag = true, zip = \"01234\", tags = [a, \"{sender}\"], \"dotted.key\" = x }");

        Optional<String> reply = action.run(message("Alice \"A\"", "he said \"hi\"\nand left \\ {x}"), calls);

        assertEquals(Optional.of("Weather: Sunny, 25°C"), reply);
        FakeWebServer.Request request = server.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("/ask", request.rawPathAndQuery());
        assertEquals("application/json; charset=utf-8", request.headers().get("content-type"));
        JsonNode body = HttpAction.JSON.readTree(request.body());
        assertEquals("he said \"hi\"\nand left \\ {x}", body.get("question").asText());
        assertEquals("Alice \"A\"", body.get("user").asText());
        assertTrue(body.get("n").isIntegralNumber(), body.toString());
        assertTrue(request.body().contains("\"exact\":1.50"), request.body());
        assertTrue(body.get("flag").isBoolean());
        assertEquals("01234", body.get("zip").asText());
        assertTrue(body.get("zip").isTextual(), "a number with a leading zero is no JSON number: " + body);
        assertEquals("[\"a\",\"Alice \\\"A\\\"\"]", body.get("tags").toString());
        assertEquals("x", body.get("dotted.key").asText());
    }

    @Test
    void placeholdersInTheUrlAreUrlEncodedAndTheWrittenPartIsNot() {
        server.answer(FakeWebServer.json(200, "{\"t\": 21}"));
        Placeholders oneGroup = new Placeholders(1, Set.of(), Trigger.MESSAGE_FIELDS);
        HttpAction action = action("url = \"" + server.base() + "/w/{1}?city={1}&from=bot&u={sender}\","
                + " answer = /t", oneGroup);
        Template.TemplateValues values = new Template.TemplateValues(Map.of("sender", "李 雷", "group", "", "chat", "x",
                "text", "weather New York&x=1"), NOON, new Captures(List.of("weather New York&x=1", "New York&x=1/é"), Map.of()));

        assertEquals(Optional.of("21"), action.run(values, calls));

        FakeWebServer.Request request = server.lastRequest();
        assertEquals("GET", request.method(), "no body: GET");
        assertEquals("/w/New%20York%26x%3D1%2F%C3%A9?city=New%20York%26x%3D1%2F%C3%A9&from=bot"
                + "&u=%E6%9D%8E%20%E9%9B%B7", request.rawPathAndQuery());
    }

    @Test
    void headersTakeSecretsFromTheEnvironmentAndAMessageCannotAddHeaderLines() {
        server.answer(FakeWebServer.json(200, "{}"));
        HttpAction action = action("method = PUT, url = \"" + server.base() + "/x?key={env:WEATHER_TOKEN}\","
                + " headers { Authorization = \"Bearer {env:WEATHER_TOKEN}\", X-Asker = \"{sender}\" },"
                + " body { a = b }, reply = done");

        assertEquals(Optional.of("done"), action.run(message("Eve\r\nX-Evil: 1", "hi"), calls),
                "without answer, reply is said after a call that worked");

        FakeWebServer.Request request = server.lastRequest();
        assertEquals("PUT", request.method());
        assertEquals("Bearer " + SECRET, request.headers().get("authorization"));
        assertEquals("/x?key=" + SECRET, request.rawPathAndQuery());
        assertEquals("Eve  X-Evil: 1", request.headers().get("x-asker"));
        assertFalse(request.headers().containsKey("x-evil"));
        assertFalse(action.toString().contains(SECRET), action.toString());
    }

    @Test
    void withoutAnswerNorReplyTheServiceIsCalledAndNothingIsSaid() {
        HttpAction action = action("url = \"" + server.base() + "/hook\", body { who = \"{sender}\" }");

        assertEquals(Optional.empty(), action.run(message("Alice", "hi"), calls));
        assertEquals("{\"who\":\"Alice\"}", server.lastRequest().body());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeGetsOnErrorWithinTheTimeOutAndOneWarningWithoutTheSecret() {
        server.answer(server.never());
        HttpAction action = action("url = \"" + server.base() + "/slow?key={env:WEATHER_TOKEN}\", timeout = 300ms,"
                + " headers { Authorization = \"Bearer {env:WEATHER_TOKEN}\" }, answer = /a,"
                + " on-error = \"The weather service is not answering, try later.\"");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            long start = System.nanoTime();
            Optional<String> reply = action.run(message("Alice", "weather"), calls);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(Optional.of("The weather service is not answering, try later."), reply);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "waited " + took);
            List<String> warnings = logs.at(Level.WARN);
            assertEquals(List.of("auto-reply: http GET " + server.base() + "/slow failed: no answer within 300ms;"
                    + " answered with on-error"), warnings);
            assertFalse(logs.all().contains(SECRET), logs.all());
        }
    }

    @Test
    void aResponseLargerThanTheLimitIsAnErrorWhetherAnnouncedOrNot() {
        HttpAction action = action("url = \"" + server.base() + "/big\", answer = /a, max-response-size = 4KiB,"
                + " on-error = too big");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            server.answer(FakeWebServer.large(1 << 20, false));
            assertEquals(Optional.of("too big"), action.run(message("Alice", "x"), calls));
            server.answer(FakeWebServer.large(1 << 20, true));
            assertEquals(Optional.of("too big"), action.run(message("Alice", "x"), calls));

            assertEquals(List.of(
                    "auto-reply: http GET " + server.base() + "/big failed: the response is larger than 4 KiB;"
                            + " answered with on-error",
                    "auto-reply: http GET " + server.base() + "/big failed: the response is larger than 4 KiB;"
                            + " answered with on-error"), logs.at(Level.WARN));
        }
    }

    @Test
    void aStatusOutside2xxIsAnErrorAndWithoutOnErrorNothingIsSaid() {
        server.answer(FakeWebServer.json(503, "{\"a\": \"would be an answer\"}"));
        HttpAction action = action("url = \"" + server.base() + "/down\", answer = /a");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            assertEquals(Optional.empty(), action.run(message("Alice", "x"), calls));
            assertEquals(List.of("auto-reply: http GET " + server.base() + "/down failed: status 503;"
                    + " nothing was answered"), logs.at(Level.WARN));
        }
    }

    @Test
    void aResponseWithoutTheAnswerOrNotJsonIsAnError() {
        HttpAction action = action("url = \"" + server.base() + "/q\", answer = /data/answer, on-error = sorry");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            server.answer(FakeWebServer.json(200, "{\"data\": {\"other\": 1}}"));
            assertEquals(Optional.of("sorry"), action.run(message("Alice", "x"), calls));
            server.answer(FakeWebServer.json(200, "<html>not json"));
            assertEquals(Optional.of("sorry"), action.run(message("Alice", "x"), calls));

            assertEquals(List.of(
                    "auto-reply: http GET " + server.base() + "/q failed: the response has no text at /data/answer;"
                            + " answered with on-error",
                    "auto-reply: http GET " + server.base() + "/q failed: the response is not JSON;"
                            + " answered with on-error"), logs.at(Level.WARN));
        }
    }

    @Test
    void anAnswerThatIsAnObjectIsSentAsItsJson() {
        server.answer(FakeWebServer.json(200, "{\"items\": [{\"t\": \"a\"}, {\"t\": \"b\", \"n\": 2}]}"));
        assertEquals(Optional.of("{\"t\":\"b\",\"n\":2}"),
                action("url = \"" + server.base() + "/\", answer = /items/1").run(message("A", "x"), calls));
        assertEquals(Optional.of("b"),
                action("url = \"" + server.base() + "/\", answer = /items/1/t").run(message("A", "x"), calls));
    }

    @Test
    void aServerThatIsDownGetsOnError() throws IOException {
        HttpAction action = action("url = \"" + FakeWebServer.downBase() + "/x\", answer = /a, on-error = down");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            assertEquals(Optional.of("down"), action.run(message("Alice", "x"), calls));
            assertEquals(1, logs.at(Level.WARN).size());
            assertTrue(logs.at(Level.WARN).getFirst().contains("could not connect"), logs.all());
        }
    }

    @Test
    void afterThePluginStopsACallFailsAtOnceInsteadOfHanging() {
        HttpAction action = action("url = \"" + server.base() + "/x\", answer = /a, on-error = stopped");
        calls.close();
        try (CapturedLogs logs = CapturedLogs.attach()) {
            assertEquals(Optional.of("stopped"), action.run(message("Alice", "x"), calls));
            assertEquals(1, logs.at(Level.WARN).size());
        }
    }

    @Test
    void stoppingThePluginEndsACallInFlightAtOnce() throws InterruptedException {
        server.answer(server.never());
        HttpAction action = action("url = \"" + server.base() + "/x\", timeout = 5m, answer = /a, on-error = stopped");
        AtomicReference<Optional<String>> reply = new AtomicReference<>();
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Thread chat = Thread.ofVirtual().start(() -> reply.set(action.run(message("Alice", "x"), calls)));
            Await.until(() -> server.requests().size() == 1, "the request reached the server");

            calls.close();

            assertTrue(chat.join(Duration.ofSeconds(10)), "the chat's thread was released by the stop");
            assertEquals(Optional.of("stopped"), reply.get());
            assertEquals(1, logs.at(Level.WARN).size(), logs.all());
        }
    }
}
