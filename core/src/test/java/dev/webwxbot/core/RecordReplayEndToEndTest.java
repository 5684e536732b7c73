package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.scenario.Scenario;
import dev.webwxbot.emulator.scenario.ScenarioRun;
import dev.webwxbot.testsupport.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record and replay, end to end: our client records a session against a scripted emulator world, a fresh emulator
 * replays the recording as a scenario, and our client, logged in against the replay, sees the same events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordReplayEndToEndTest {

    private static final String WORLD = """
            name = recorded-world
            accounts = [
              {
                id = bot
                nickname = "Recorder"
                friends = [ { id = alice, nickname = "Alice 🌸", remark = "Ali" }, { id = bob, nickname = "Bob" } ]
                strangers = [ { id = carol, nickname = "Carol" } ]
                groups = [ { id = hikers, name = "Weekend hikers", members = [alice, carol]
                             display-names { carol = "Carol (organiser)" } } ]
              }
            ]
            script = [
              { do = scan-and-confirm }
              { after = online, delay = 300ms, do = send, from = alice, kind = text, text = "Hello 😀 & <you>" }
              { do = send, from = bob, kind = image, width = 40, height = 30 }
              { do = send, in = hikers, from = carol, kind = text, text = "who is coming?" }
              { do = send, in = hikers, from = alice, kind = mention, mentions = [self], text = "you?" }
              { id = oops, do = send, from = bob, kind = text, text = "wrong chat" }
              { do = revoke, message = oops }
              { do = send, from = alice, kind = text, text = "bye" }
            ]
            """;
    private static final int MESSAGES = 7;
    /** PROTOCOL.md §10.1: the cookies that authenticate (the others, such as mm_lang, carry no secret). */
    private static final Set<String> CREDENTIAL_COOKIES =
            Set.of("wxsid", "wxuin", "webwx_data_ticket", "webwx_auth_ticket", "webwxuvid", "pass_ticket");

    private Path dir;
    private Path recording;
    private List<String> recordedEvents;
    private Set<String> secrets;

    @BeforeAll
    void recordASessionAgainstTheScriptedWorld(@TempDir Path folder) throws Exception {
        dir = folder;
        recording = dir.resolve("session.jsonl");
        List<MessageEvent> events = new CopyOnWriteArrayList<>();
        try (Emulator emulator = emulator();
             ScenarioRun run = Scenario.parse(WORLD, "recorded-world.conf", dir).start(emulator);
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl()))
                     .record(recording).build()) {
            Session session = client.newSession(SessionOptions.defaults(), collector(events));
            session.start().get(60, TimeUnit.SECONDS);
            assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the script did not finish");
            assertEquals(Optional.empty(), run.failure());
            await(events, MESSAGES);
            MessageEvent image = events.stream().filter(e -> e instanceof ImageMessage).findFirst().orElseThrow();
            // A media download, so the recording has a media body to replace by its hash.
            assertTrue(session.bot().download(image, Files.createDirectories(dir.resolve("media"))).ok());
            secrets = secretsSent(emulator.recordedRequests());
        }
        recordedEvents = describe(events);
    }

    @Test
    void theReplayedRecordingGivesOurClientTheSameEventsInTheSameOrder() throws Exception {
        List<MessageEvent> events = new CopyOnWriteArrayList<>();
        Scenario replay = Scenario.fromRecording(recording);
        try (Emulator emulator = emulator();
             ScenarioRun run = replay.start(emulator);
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            client.newSession(SessionOptions.defaults(), collector(events)).start().get(60, TimeUnit.SECONDS);
            assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the replay did not finish");
            assertEquals(Optional.empty(), run.failure());
            await(events, MESSAGES);
        }
        assertEquals(List.of(
                "TextMessage Ali/Ali: Hello 😀 & <you>",
                "ImageMessage Bob/Bob: 40x30",
                "TextMessage Weekend hikers/Carol (organiser): who is coming?",
                "TextMessage Weekend hikers/Ali: @Recorder you? (mentions me)",
                "TextMessage Bob/Bob: wrong chat",
                "RevokeNotice Bob/Bob: revokes \"wrong chat\"",
                "TextMessage Ali/Ali: bye"), recordedEvents, "what the recorded session saw");
        assertEquals(recordedEvents, describe(events));
    }

    @Test
    void noSecretOfTheRecordedSessionIsInTheFile() throws Exception {
        String file = Files.readString(recording, StandardCharsets.UTF_8);
        assertTrue(secrets.size() >= 8, "the session sent credentials to look for: " + secrets);
        for (String secret : secrets) {
            Pattern anywhere = secret.matches("\\d+") ? Pattern.compile("(?<!\\d)" + secret + "(?!\\d)")
                    : Pattern.compile(Pattern.quote(secret));
            Matcher found = anywhere.matcher(file);
            assertFalse(found.find(), () -> "secret " + secret + " is in the recording at "
                    + file.substring(Math.max(0, found.start() - 80), Math.min(file.length(), found.end() + 40)));
        }
        assertTrue(file.contains("\"sha256\""), "the image body is there as a hash");
        Matcher cookies = Pattern.compile("\"Set-Cookie\":\\[([^\\]]*)]").matcher(file);
        int seen = 0;
        while (cookies.find()) {
            for (String cookie : cookies.group(1).split("\",\"")) {
                assertTrue(cookie.matches("\"?[^=]+=\\*\\*\\*(;.*)?\"?"), "cookie value kept: " + cookie);
                seen++;
            }
        }
        assertTrue(seen >= 4, "the recording shows the cookies the server set: " + seen);
        assertTrue(file.contains("skey=***"), "the query secrets are masked in place");
    }

    @Test
    void theRecordingIsReadableByItsOwnerOnly() throws Exception {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(recording));
        }
    }

    private static Emulator emulator() {
        return Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1))
                .start();
    }

    private static SessionListener collector(List<MessageEvent> events) {
        return new SessionListener() {
            @Override
            public void onEvent(BotEvent event) {
                if (event instanceof MessageEvent message && !message.envelope().fromSelf()) {
                    events.add(message);
                }
            }
        };
    }

    /** Type, chat and sender by name, and what was said; a revoke names the text it withdrew. */
    private static List<String> describe(List<MessageEvent> events) {
        Map<String, String> textById = new HashMap<>();
        List<String> described = new ArrayList<>();
        for (MessageEvent event : events) {
            String what = switch (event) {
                case TextMessage text -> {
                    textById.put(text.msgId(), text.text());
                    // The phone writes U+2005 after an @name (§9.6); a plain space reads better in the assertion.
                    yield text.text().replace('\u2005', ' ') + (text.envelope().mentionsMe() ? " (mentions me)" : "");
                }
                case ImageMessage image -> image.width() + "x" + image.height();
                case RevokeNotice revoke -> "revokes \"" + textById.get(revoke.revokedMsgId()) + "\"";
                default -> event.getClass().getSimpleName();
            };
            described.add(event.getClass().getSimpleName() + " " + event.chat().displayName() + "/"
                    + event.sender().displayName() + ": " + what);
        }
        return described;
    }

    private static void await(List<MessageEvent> events, int count) {
        Await.until(() -> events.size() >= count,
                () -> count + " events, got " + events.size() + ": " + describe(events), Duration.ofSeconds(60));
    }

    /** Every credential value the client sent: query, cookies and BaseRequest, as the server saw them. */
    private static Set<String> secretsSent(List<RecordedRequest> requests) {
        Set<String> secrets = new TreeSet<>();
        Pattern baseRequest = Pattern.compile("\"(Uin|Sid|Skey|DeviceID)\"\\s*:\\s*\"?([^\",}]+)");
        for (RecordedRequest request : requests) {
            for (String name : List.of("skey", "sid", "uin", "pass_ticket", "ticket", "deviceid")) {
                List<String> values = request.query().getOrDefault(name, List.of());
                values.forEach(secrets::add);
            }
            request.cookies().forEach((name, value) -> {
                if (CREDENTIAL_COOKIES.contains(name)) secrets.add(value);
            });
            Matcher matcher = baseRequest.matcher(request.bodyAsString());
            while (matcher.find()) {
                secrets.add(matcher.group(2).trim());
            }
        }
        secrets.removeIf(value -> value.length() < 6);
        return secrets;
    }
}
