package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Matching sync echoes to sends whose answer was lost, on a manual clock. */
class SentEchoesTest {

    private static final String SELF = "@self";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualScheduler clock = new ManualScheduler();
    private final SentEchoes echoes = new SentEchoes(clock, Duration.ofSeconds(10));

    private static JsonNode addMsg(String msgId, String from, String to, int type, String content) {
        ObjectNode node = JSON.createObjectNode();
        node.put("MsgId", msgId).put("FromUserName", from).put("ToUserName", to).put("MsgType", type)
                .put("Content", content).put("FileName", "");
        return node;
    }

    @Test
    void anEchoOfTheSameTextToTheSameChatSettlesTheSendEvenWhenItArrivedBeforeTheAnswerWasLost() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.text("@alice", "a < b & c\nd"));
        echoes.observe(addMsg("1", SELF, "@alice", 1, "a &lt; b &amp; c<br/>d"), SELF);

        CompletableFuture<Optional<SentEchoes.Echo>> settled = watch.await();

        assertEquals(Optional.of(new SentEchoes.Echo("1")), settled.getNow(null));
        assertEquals(0, echoes.openWatches());
    }

    @Test
    void anEchoThatSettlesASendStillInFlightIsReportedAtOnceWithTheSendsClientId() {
        java.util.List<String> reported = new java.util.ArrayList<>();
        echoes.onSettled((localId, msgId) -> reported.add(localId + "=" + msgId));
        echoes.watch(SentEchoes.Expected.text("@alice", "hi"), "17000000000005000");
        echoes.watch(SentEchoes.Expected.text("@bob", "hi")); // no client id given: nothing to report

        echoes.observe(addMsg("9", SELF, "@alice", 1, "hi"), SELF);
        echoes.observe(addMsg("10", SELF, "@bob", 1, "hi"), SELF);

        assertEquals(java.util.List.of("17000000000005000=9"), reported, "before the send's own answer came");
    }

    @Test
    void aLoopThatCaughtUpAfterTheLossEndsTheWaitEmptyButNotOneThatBeganBefore() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.text("@alice", "hi"));
        long before = clock.nanoTime();
        clock.advanceMillis(100);
        CompletableFuture<Optional<SentEchoes.Echo>> settled = watch.await();
        echoes.caughtUp(before);
        assertFalse(settled.isDone(), "a poll that began before the loss may predate the echo");
        clock.advanceMillis(100);
        echoes.caughtUp(clock.nanoTime());
        assertEquals(Optional.empty(), settled.getNow(null));
    }

    @Test
    void anEchoArrivingWithinTheWindowSettlesAWaitingSend() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.text("@alice", "hi"));
        CompletableFuture<Optional<SentEchoes.Echo>> settled = watch.await();
        clock.advanceMillis(9_000);
        assertFalse(settled.isDone());

        echoes.observe(addMsg("7", SELF, "@alice", 1, "hi"), SELF);

        assertEquals(Optional.of(new SentEchoes.Echo("7")), settled.getNow(null));
    }

    @Test
    void withoutAMatchingEchoTheWaitEndsEmptyAfterTheWindow() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.text("@alice", "hi"));
        CompletableFuture<Optional<SentEchoes.Echo>> settled = watch.await();
        echoes.observe(addMsg("1", SELF, "@bob", 1, "hi"), SELF);          // another chat
        echoes.observe(addMsg("2", SELF, "@alice", 1, "hello"), SELF);     // other text
        echoes.observe(addMsg("3", SELF, "@alice", 3, ""), SELF);          // an image
        echoes.observe(addMsg("4", "@alice", SELF, 1, "hi"), SELF);        // not our own message

        clock.advanceMillis(10_000);

        assertEquals(Optional.empty(), settled.getNow(null));
        assertEquals(0, echoes.openWatches());
    }

    @Test
    void anEchoSettlesAtMostOneSendAndOnlySendsWatchingWhenItArrived() {
        echoes.observe(addMsg("1", SELF, "@alice", 1, "ok"), SELF); // before any send: settles nothing later
        SentEchoes.Watch first = echoes.watch(SentEchoes.Expected.text("@alice", "ok"));
        SentEchoes.Watch second = echoes.watch(SentEchoes.Expected.text("@alice", "ok"));
        CompletableFuture<Optional<SentEchoes.Echo>> firstSettled = first.await();
        CompletableFuture<Optional<SentEchoes.Echo>> secondSettled = second.await();

        echoes.observe(addMsg("2", SELF, "@alice", 1, "ok"), SELF);
        echoes.observe(addMsg("2", SELF, "@alice", 1, "ok"), SELF); // delivered twice by the server

        assertEquals(Optional.of(new SentEchoes.Echo("2")), firstSettled.getNow(null));
        assertFalse(secondSettled.isDone());
        clock.advanceMillis(10_000);
        assertEquals(Optional.empty(), secondSettled.getNow(null));
    }

    @Test
    void theEchoOfANormallyAnsweredSendSettlesNoOtherSend() {
        SentEchoes.Watch answered = echoes.watch(SentEchoes.Expected.text("@alice", "ok"));
        answered.answered("5");
        SentEchoes.Watch lost = echoes.watch(SentEchoes.Expected.text("@alice", "ok"));
        CompletableFuture<Optional<SentEchoes.Echo>> settled = lost.await();

        echoes.observe(addMsg("5", SELF, "@alice", 1, "ok"), SELF);
        clock.advanceMillis(10_000);

        assertEquals(Optional.empty(), settled.getNow(null));
    }

    @Test
    void aFileEchoMatchesByItsFileName() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.file("@alice", "a&b.pdf"));
        CompletableFuture<Optional<SentEchoes.Echo>> settled = watch.await();
        ObjectNode other = (ObjectNode) addMsg("1", SELF, "@alice", 49, "<msg/>");
        other.put("FileName", "other.pdf");
        ObjectNode same = (ObjectNode) addMsg("2", SELF, "@alice", 49, "<msg/>");
        same.put("FileName", "a&amp;b.pdf");

        echoes.observe(other, SELF);
        echoes.observe(same, SELF);

        assertEquals(Optional.of(new SentEchoes.Echo("2")), settled.getNow(null));
    }

    @Test
    void closingEndsEveryWaitWithoutAnEchoAtOnceAndLaterOnesToo() {
        CompletableFuture<Optional<SentEchoes.Echo>> waiting =
                echoes.watch(SentEchoes.Expected.text("@alice", "hi")).await();
        SentEchoes.Watch inFlight = echoes.watch(SentEchoes.Expected.text("@bob", "hi"));

        echoes.close();

        assertEquals(Optional.empty(), waiting.getNow(null));
        assertEquals(Optional.empty(), inFlight.await().getNow(null));
    }

    @Test
    void observingNeverThrows() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.text("@alice", "hi"));
        echoes.observe(null, SELF);
        echoes.observe(JSON.createObjectNode(), SELF);
        echoes.observe(JSON.createArrayNode(), SELF);
        echoes.observe(addMsg("1", SELF, "@alice", 1, "hi"), null);
        watch.cancel();
        assertTrue(echoes.openWatches() == 0);
    }

    @Test
    void aLocationsEchoIsATextWithSubMsgType48OrAType48AndNeverAPlainText() {
        SentEchoes.Watch watch = echoes.watch(SentEchoes.Expected.location("@alice"));
        echoes.observe(addMsg("1", SELF, "@alice", 1, "Pier"), SELF);
        assertEquals(1, echoes.openWatches(), "a plain text is no location's echo");
        ObjectNode location = (ObjectNode) addMsg("2", SELF, "@alice", 1, "Pier:<br/>/cgi-bin/…&pictype=location");
        location.put("SubMsgType", 48);
        echoes.observe(location, SELF);
        assertEquals(Optional.of(new SentEchoes.Echo("2")), watch.await().getNow(null));

        SentEchoes.Watch text = echoes.watch(SentEchoes.Expected.text("@alice", "Pier:\n/cgi-bin/…&pictype=location"));
        echoes.observe(location.put("MsgId", "3"), SELF);
        assertEquals(1, echoes.openWatches(), "a location is no text's echo");
        SentEchoes.Watch rare = echoes.watch(SentEchoes.Expected.location("@bob"));
        echoes.observe(addMsg("4", SELF, "@bob", 48, "<msg/>"), SELF);
        assertEquals(Optional.of(new SentEchoes.Echo("4")), rare.await().getNow(null));
        text.cancel();
    }
}
