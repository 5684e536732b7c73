package dev.webwxbot.server.webhook;

import dev.webwxbot.testsupport.CapturedLogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.server.webhook.Receiver.Answer;
import dev.webwxbot.server.webhook.WebhookReplies.Reply;
import dev.webwxbot.server.webhook.WebhookTarget.RetryPolicy;
import dev.webwxbot.testsupport.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SECRET = "test-secret-value";
    /** Small enough that tests never wait for a real backoff. */
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofHours(24), Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(5));
    static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    static final AtomicLong MSG_IDS = new AtomicLong(1000);

    @TempDir
    Path dir;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock();
    final List<String> replyLog = new CopyOnWriteArrayList<>();
    final WebhookReplies replies = (account, to, reply) -> replyLog.add(account + "|" + to.msgId() + "|" + reply);
    final List<AutoCloseable> closing = new ArrayList<>();
    CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        logs.close();
    }

    static TextMessage text(String text) {
        return new TextMessage(new Envelope(Long.toString(MSG_IDS.incrementAndGet()), ALICE, ALICE, Instant.now(),
                false, false), text);
    }

    static WebhookTarget target(String name, Receiver receiver, Set<String> events, Set<String> accounts,
                                RetryPolicy retry) {
        return new WebhookTarget(name, receiver.url(), SECRET, events, accounts, retry);
    }

    static WebhookTarget target(String name, Receiver receiver) {
        return target(name, receiver, Set.of("*"), Set.of("*"), FAST);
    }

    Receiver receiver() throws IOException {
        Receiver receiver = Receiver.start();
        closing.add(receiver);
        return receiver;
    }

    Webhooks start(WebhookTarget... targets) {
        Webhooks webhooks = Webhooks.start(dir, List.of(targets), replies, registry, clock);
        closing.add(webhooks);
        return webhooks;
    }

    double count(String target, String result) {
        var counter = registry.find("webwx.webhook.deliveries").tag("target", target).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    void awaitCount(String target, String result, double atLeast) {
        Await.until(() -> count(target, result) >= atLeast,
                () -> target + " " + result + " = " + count(target, result) + " < " + atLeast, WAIT);
    }

    static JsonNode json(Receiver.Request request) throws IOException {
        return new ObjectMapper().readTree(request.body());
    }

    double queueGauge(String target) {
        var gauge = registry.find("webwx.webhook.queue").tag("target", target).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    /** The journal's lines, parsed. */
    List<JsonNode> journal(String target) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(target + ".jsonl"))) {
            records.add(new ObjectMapper().readTree(line));
        }
        return records;
    }

    @Test
    void deliversASignedEnvelopeWithTheContractHeaders() throws Exception {
        Receiver receiver = receiver();
        Webhooks webhooks = start(target("t", receiver));
        TextMessage message = text("hello");
        webhooks.publish("alice", message);
        Receiver.Request request = receiver.awaitRequests(1, WAIT).getFirst();

        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("message.text", request.header("X-Webwx-Event"));
        JsonNode body = json(request);
        assertEquals(request.header("X-Webwx-Delivery"), body.get("id").textValue());
        assertEquals("alice", body.get("account").textValue());
        assertEquals("message.text", body.get("type").textValue());
        assertEquals(EventJson.toJson(message), body.get("event"));
        assertTrue(WebhookSignature.verify(SECRET, request.header("X-Webwx-Timestamp"),
                request.header("X-Webwx-Signature"), request.body(), Instant.now(), Duration.ofMinutes(5)));
        awaitCount("t", "delivered", 1);
        Await.until(() -> queueGauge("t") == 0, () -> "queue gauge " + queueGauge("t"), WAIT);
        assertEquals(List.of(), logs.at(Level.WARN));
        assertFalse(logs.all().contains(SECRET));
    }

    @Test
    void eventsAreFilteredByTypeAndAccount() throws Exception {
        Receiver messages = receiver();
        Receiver logins = receiver();
        Webhooks webhooks = start(target("alice-messages", messages, Set.of("message.*"), Set.of("alice"), FAST),
                target("logins", logins, Set.of("login"), Set.of("*"), FAST));
        LoggedIn login = new LoggedIn(ALICE, 3, Instant.now());
        webhooks.publish("bob", text("bob's"));
        webhooks.publish("alice", login);
        webhooks.publish("bob", login);
        webhooks.publish("alice", text("alice's"));
        // Wanted by nobody: not even written.
        webhooks.publish("alice", new LoggedOut(LoggedOut.Reason.NETWORK, 0, Instant.now()));

        awaitCount("alice-messages", "delivered", 1);
        awaitCount("logins", "delivered", 2);
        assertEquals(List.of("alice's"), messages.requests().stream()
                .map(r -> uncheckedJson(r).at("/event/text").textValue()).toList());
        assertEquals(List.of("alice", "bob"), logins.requests().stream()
                .map(r -> uncheckedJson(r).get("account").textValue()).toList());
        for (String target : List.of("alice-messages", "logins")) {
            assertTrue(journal(target).stream().noneMatch(r -> r.toString().contains("logout")), target);
        }
        assertEquals(1, journal("alice-messages").stream().filter(r -> r.get("op").textValue().equals("add")).count());
    }

    static JsonNode uncheckedJson(Receiver.Request request) {
        try {
            return json(request);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void receiverFailingThreeTimesThenRecoveringGetsTheEventOnce() throws Exception {
        Receiver receiver = receiver().then(new Answer(500, ""), new Answer(503, ""), new Answer(404, ""));
        Webhooks webhooks = start(target("flaky", receiver));
        webhooks.publish("alice", text("persist"));

        awaitCount("flaky", "delivered", 1);
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(4, requests.size());
        assertEquals(1, requests.stream().map(r -> r.header("X-Webwx-Delivery")).distinct().count());
        assertEquals(3, count("flaky", "failed"));
        // One warning for the outage, one line for the recovery: not one per attempt.
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("flaky") && warnings.getFirst().contains("HTTP 500"), warnings.toString());
        assertFalse(warnings.getFirst().contains("query-secret"), "the URL's query is not logged");
        assertTrue(logs.at(Level.INFO).stream().anyMatch(m -> m.contains("recovered after 3 failed attempt(s)")));
        assertFalse(logs.all().contains(SECRET));
        assertFalse(logs.all().contains("persist"), "bodies are not logged");
    }

    @Test
    void queuedEventsReachAReceiverThatWasDownAfterARestartInOrder() throws Exception {
        Receiver first = Receiver.start();
        int port = first.port();
        WebhookTarget target = target("later", first);
        first.close(); // down: connections are refused

        Webhooks webhooks = Webhooks.start(dir, List.of(target), replies, registry, clock);
        for (String text : List.of("one", "two", "three")) webhooks.publish("alice", text(text));
        awaitCount("later", "failed", 1);
        webhooks.close();
        assertEquals(0, count("later", "delivered"));
        assertTrue(logs.at(Level.WARN).getFirst().contains("ConnectException"), logs.at(Level.WARN).toString());

        Receiver back = Receiver.startOn(port);
        closing.add(back);
        start(target);
        awaitCount("later", "delivered", 3);
        assertEquals(List.of("one", "two", "three"), back.requests().stream()
                .map(r -> uncheckedJson(r).at("/event/text").textValue()).toList());
        assertTrue(logs.at(Level.INFO).stream().anyMatch(m -> m.contains("3 event(s) from before the last stop")));
    }

    @Test
    void tornLastLineIsSkipped() throws Exception {
        Receiver receiver = receiver();
        String intact = "{\"op\":\"add\",\"id\":\"d-old\",\"created\":\"" + Instant.now() + "\",\"payload\":"
                + EventJson.envelope("d-old", "alice", Instant.now(), text("before the crash")) + "}\n";
        String torn = "{\"op\":\"add\",\"id\":\"d-torn\",\"created\":\"2026-";
        Files.writeString(dir.resolve("torn.jsonl"), intact + torn, StandardCharsets.UTF_8);

        Webhooks webhooks = start(target("torn", receiver));
        webhooks.publish("alice", text("after the restart"));
        awaitCount("torn", "delivered", 2);
        assertEquals(List.of("d-old", "after the restart"), receiver.requests().stream().map(r -> {
            JsonNode body = uncheckedJson(r);
            return body.get("id").textValue().equals("d-old") ? "d-old" : body.at("/event/text").textValue();
        }).toList());
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("1 torn or unreadable record(s) skipped"), warnings.toString());
        // The torn tail is gone from the file, so the next append did not glue onto it.
        journal("torn");
    }

    @Test
    void aReplyBodyProducesExactlyOneReplyCall() throws Exception {
        Receiver receiver = receiver().then(new Answer(500, "{\"reply\":\"not this one\"}"),
                Answer.ok("{\"reply\":{\"text\":\"pong\",\"mentions\":[\"Bob\"]}}"),
                Answer.ok("{\"reply\":\"to a login: ignored\"}"),
                Answer.ok("not json"),
                Answer.ok("{\"reply\":42}"));
        Webhooks webhooks = start(target("replying", receiver));
        TextMessage ping = text("ping");
        webhooks.publish("alice", ping);
        webhooks.publish("alice", new LoggedIn(ALICE, 1, Instant.now()));
        webhooks.publish("alice", text("a"));
        webhooks.publish("alice", text("b"));

        awaitCount("replying", "delivered", 4);
        Await.until(() -> !replyLog.isEmpty(), () -> "a reply", WAIT);
        // Replies go out on their own thread; give a wrong second one the chance to show.
        webhooks.close();
        assertEquals(List.of("alice|" + ping.msgId() + "|" + new Reply("pong", List.of("Bob"))), replyLog);
        assertEquals(List.of(), logs.at(Level.WARN).stream().filter(m -> !m.contains("HTTP 500")).toList());
    }

    @Test
    void aFailingReplyIsLoggedAndDeliveryGoesOn() throws Exception {
        Receiver receiver = receiver().otherwise(Answer.ok("{\"reply\":\"pong\"}"));
        WebhookReplies failing = (account, to, reply) -> {
            throw new IllegalStateException("LOGGED_OUT");
        };
        Webhooks webhooks = Webhooks.start(dir, List.of(target("t", receiver)), failing, registry, clock);
        closing.add(webhooks);
        webhooks.publish("alice", text("one"));
        webhooks.publish("alice", text("two"));
        awaitCount("t", "delivered", 2);
        Await.until(() -> logs.at(Level.WARN).size() == 2, () -> logs.at(Level.WARN).toString(), WAIT);
        assertTrue(logs.at(Level.WARN).getFirst().contains("LOGGED_OUT"));
    }

    @Test
    void eventsOlderThanMaxAgeAreDroppedWithOneWarning() throws Exception {
        Receiver receiver = receiver().otherwise(new Answer(503, ""));
        RetryPolicy hour = new RetryPolicy(Duration.ofHours(1), Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(5));
        Webhooks webhooks = start(target("stale", receiver, Set.of("*"), Set.of("*"), hour));
        webhooks.publish("alice", text("one"));
        webhooks.publish("alice", text("two"));
        awaitCount("stale", "failed", 2);

        clock.advance(Duration.ofHours(2));
        awaitCount("stale", "dropped", 2);
        Await.until(() -> queueGauge("stale") == 0, () -> "queue gauge " + queueGauge("stale"), WAIT);
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(2, warnings.size(), warnings.toString()); // the outage, and the drop
        assertTrue(warnings.get(1).contains("2 event(s) dropped undelivered after max-age"), warnings.toString());
        webhooks.close();
        assertEquals(0, count("stale", "delivered"));

        // Dropped is final: a restart does not bring them back.
        receiver.otherwise(Answer.ok(""));
        int before = receiver.requests().size();
        Webhooks again = start(target("stale", receiver, Set.of("*"), Set.of("*"), hour));
        again.publish("alice", text("fresh"));
        awaitCount("stale", "delivered", 1);
        List<Receiver.Request> after = receiver.requests().subList(before, receiver.requests().size());
        assertEquals(List.of("fresh"), after.stream().map(r -> uncheckedJson(r).at("/event/text").textValue()).toList());
    }

    @Test
    void anUnsignedTargetIsWarnedAboutOnceAndSendsNoSignature() throws Exception {
        Receiver receiver = receiver();
        WebhookTarget unsigned = new WebhookTarget("open", receiver.url(), "", Set.of("*"), Set.of("*"), FAST);
        Webhooks webhooks = start(unsigned);
        webhooks.reconfigure(List.of(unsigned)); // unchanged: no second warning
        webhooks.publish("alice", text("hi"));
        Receiver.Request request = receiver.awaitRequests(1, WAIT).getFirst();
        assertNull(request.header("X-Webwx-Signature"));
        assertTrue(request.header("X-Webwx-Timestamp").matches("[0-9]+"));
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("http://127.0.0.1:" + receiver.port() + "/hook"), warnings.toString());
        assertFalse(warnings.getFirst().contains("query-secret"));
    }

    @Test
    void aFailingTargetDoesNotHoldUpAnother() throws Exception {
        Receiver down = receiver().otherwise(new Answer(500, ""));
        Receiver up = receiver();
        Webhooks webhooks = start(target("down", down), target("up", up));
        for (int i = 0; i < 5; i++) webhooks.publish("alice", text("m" + i));
        awaitCount("up", "delivered", 5);
        assertEquals(0, count("down", "delivered"));
        assertEquals(5, queueGauge("down"));
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("webhook down:"), warnings.toString());
    }

    @Test
    void theJournalCompactsItselfAndIsOwnerOnly() throws Exception {
        Receiver receiver = receiver();
        Webhooks webhooks = start(target("busy", receiver));
        int n = 3 * TargetQueue.COMPACT_MIN_LINES;
        for (int i = 0; i < n; i++) webhooks.publish("alice", text("m" + i));
        awaitCount("busy", "delivered", n);
        webhooks.close();
        assertTrue(journal("busy").size() < TargetQueue.COMPACT_MIN_LINES, "lines: " + journal("busy").size());
        Path file = dir.resolve("busy.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Webhooks again = start(target("busy", receiver));
        again.publish("alice", text("last"));
        awaitCount("busy", "delivered", n + 1);
        assertEquals(n + 1, receiver.requests().size(), "nothing delivered twice");
        assertEquals(n + 1, receiver.requests().stream().map(r -> r.header("X-Webwx-Delivery")).distinct().count());
        assertEquals(List.of(), logs.at(Level.WARN));
    }

    @Test
    void theQueueFolderIsCreatedOwnerOnly() throws Exception {
        Path queue = dir.resolve("data/webhooks");
        Webhooks webhooks = Webhooks.start(queue, List.of(), replies, registry, clock);
        closing.add(webhooks);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(queue)));
    }

    @Test
    void reconfigureAddsAndRemovesTargetsAndPublishAfterCloseFails() throws Exception {
        Receiver a = receiver();
        Receiver b = receiver();
        Webhooks webhooks = start(target("a", a));
        webhooks.reconfigure(List.of(target("b", b)));
        assertEquals(List.of("b"), webhooks.targets().stream().map(WebhookTarget::name).toList());
        assertEquals(-1, queueGauge("a"), "a removed target's gauge goes");
        webhooks.publish("alice", text("to b"));
        awaitCount("b", "delivered", 1);
        assertEquals(0, a.requests().size());
        assertEquals(List.of(), logs.at(Level.WARN));
        assertThrows(IllegalArgumentException.class,
                () -> webhooks.reconfigure(List.of(target("b", b), target("b", a))));
        webhooks.close();
        assertThrows(IllegalStateException.class, () -> webhooks.publish("alice", text("late")));
    }

    @Test
    void closeStopsPromptlyWhileAReceiverHangs() throws Exception {
        try (var hanging = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts the connection (the OS backlog does) and never answers.
            WebhookTarget target = new WebhookTarget("hang", java.net.URI.create("http://127.0.0.1:"
                    + hanging.getLocalPort() + "/"), SECRET, Set.of("*"), Set.of("*"), FAST);
            Webhooks webhooks = Webhooks.start(dir, List.of(target), replies, registry, clock);
            webhooks.publish("alice", text("stuck"));
            hanging.setSoTimeout(10_000);
            try (java.net.Socket attempt = hanging.accept()) { // the delivery is under way, waiting for an answer
                long start = System.nanoTime();
                webhooks.close();
                // Not the attempt's own 5 s timeout: close cut it off (a loaded machine only adds to this).
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(FAST.timeout()) < 0);
            }
            assertEquals(1, journal("hang").size(), "still queued for the next start");
            assertEquals(List.of(), logs.at(Level.WARN));
        }
    }
}
