package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private static Contact contact(String userName) {
        return new Contact(userName, "n", "", "", ContactKind.FRIEND, "");
    }

    @Test
    void anIntentWithoutOutcomeIsLeftPendingForTheNextRunAndSettledOnesAreRemembered() throws Exception {
        Path file = dir.resolve("outbox.journal");
        try (Outbox outbox = Outbox.open(file)) {
            assertTrue(outbox.intend("1", "@a", OutgoingSpec.toJson(Outgoing.text("one"))));
            assertTrue(outbox.intend("2", "@a", OutgoingSpec.toJson(Outgoing.text("two"))));
            assertTrue(outbox.intend("3", "@a", OutgoingSpec.toJson(Outgoing.text("three"))));
            assertFalse(outbox.intend("1", "@a", OutgoingSpec.toJson(Outgoing.text("one"))), "already known");
            outbox.sent("1", "900");
            outbox.failed("3", "NOT_A_FRIEND: 1204");
        }
        try (Outbox reopened = Outbox.open(file)) {
            assertEquals(List.of("2"), reopened.leftPending().stream().map(Outbox.Entry::localId).toList());
            assertEquals("900", reopened.find("1").orElseThrow().msgId());
            assertEquals(Outbox.State.FAILED, reopened.find("3").orElseThrow().state());
            assertEquals("two", OutgoingSpec.fromJson(reopened.find("2").orElseThrow().message(), OutboxTest::contact)
                    instanceof Outgoing.Text text ? text.text() : "?");
        }
    }

    @Test
    void outcomesAfterCloseAreNotKeptSoAStoppedSendStaysPending() throws Exception {
        Path file = dir.resolve("outbox.journal");
        Outbox outbox = Outbox.open(file);
        outbox.intend("1", "@a", OutgoingSpec.toJson(Outgoing.text("queued at the stop")));
        outbox.close();
        outbox.failed("1", "LOGGED_OUT: the session stopped");
        try (Outbox reopened = Outbox.open(file)) {
            assertEquals(1, reopened.leftPending().size());
        }
    }

    @Test
    void everyKindOfOutgoingSurvivesTheRoundTrip() {
        Contact alice = contact("@alice");
        List<Outgoing> all = List.of(new Outgoing.Text("hi @alice", List.of(alice)), new Outgoing.Image(Path.of("/a.png")),
                new Outgoing.Video(Path.of("/v.mp4")), new Outgoing.File(Path.of("/f.pdf")),
                new Outgoing.Emoticon(Path.of("/e.gif")), new Outgoing.StoredEmoticon("0123456789abcdef0123456789abcdef"),
                new Outgoing.Quote("7001", new Contact("@bob", "Bob", "", "", ContactKind.STRANGER, "Bobby"),
                        "who is in?", "me", List.of(alice)));
        for (Outgoing message : all) {
            assertEquals(message, OutgoingSpec.fromJson(OutgoingSpec.toJson(message), name -> alice));
        }
        assertEquals("7001", OutgoingSpec.quotedMsgId(OutgoingSpec.toJson(all.getLast())));
        assertEquals("", OutgoingSpec.quotedMsgId(OutgoingSpec.toJson(all.getFirst())));
    }

    @Test
    void settledEntriesAreForgottenOldestFirstBeyondTheCapacity() throws Exception {
        Path file = dir.resolve("outbox.journal");
        int capacity = 50;
        try (Outbox outbox = Outbox.open(file, capacity)) {
            for (int i = 0; i <= 2 * capacity + 1; i++) {
                outbox.intend(Integer.toString(i), "@a", OutgoingSpec.toJson(Outgoing.text("m")));
                outbox.sent(Integer.toString(i), "m" + i);
            }
        }
        try (Outbox reopened = Outbox.open(file, capacity)) {
            assertTrue(reopened.find("0").isEmpty());
            assertTrue(reopened.find(Integer.toString(2 * capacity + 1)).isPresent());
        }
    }
}
