package dev.webwxbot.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.event.Envelope.TimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Code written before the records grew (plugins' tests, third-party fakes) still compiles and gets the documented
 * "not said" values: "" for text, 0 for numbers and dimensions, -1 for a byte count, {@link Gender#UNKNOWN}, and a
 * time taken as the server's.
 */
class OldConstructorsTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Envelope OLD = new Envelope("1", ALICE, ALICE, Instant.EPOCH, false, false);

    @Test
    void oldEnvelopeIsServerTimedWithNoRawNumbers() {
        assertEquals(new Envelope("1", ALICE, ALICE, Instant.EPOCH, false, false, TimeSource.SERVER, -1, 0, 0, 0), OLD);
    }

    @Test
    void withMentionsMeChangesOnlyThat() {
        Envelope raw = new Envelope("1", ALICE, ALICE, Instant.EPOCH, true, false, TimeSource.RECEIVED, 1, 3, 1, 1);
        assertEquals(new Envelope("1", ALICE, ALICE, Instant.EPOCH, true, true, TimeSource.RECEIVED, 1, 3, 1, 1),
                raw.withMentionsMe(true));
    }

    @Test
    void oldMessageConstructorsLeaveEveryNewFieldUnsaid() {
        assertEquals(new ImageMessage(OLD, 1, 2, "", -1, -1, ""), new ImageMessage(OLD, 1, 2));
        assertEquals(new ImageMessage(OLD, 1, 2, "m", 5, 4, ""), new ImageMessage(OLD, 1, 2, "m", 5, 4));
        assertEquals(new VideoMessage(OLD, Duration.ofSeconds(3), 1, 2, "", -1, -1, ""),
                new VideoMessage(OLD, Duration.ofSeconds(3), 1, 2));
        assertEquals(new VideoMessage(OLD, Duration.ofSeconds(3), 1, 2, "m", 5, 4, ""),
                new VideoMessage(OLD, Duration.ofSeconds(3), 1, 2, "m", 5, 4));
        assertEquals(new VoiceMessage(OLD, Duration.ofSeconds(3), -1, 0), new VoiceMessage(OLD, Duration.ofSeconds(3)));
        assertEquals(new FileMessage(OLD, "a.txt", 5, "@m", "", "", "", ""), new FileMessage(OLD, "a.txt", 5, "@m"));
        assertEquals(new LinkMessage(OLD, "t", "d", "u", "n", "", 5, ""), new LinkMessage(OLD, "t", "d", "u", "n"));
        assertEquals(new CardMessage(OLD, "@c", "C", "", "", "", false, Gender.UNKNOWN, "", "", "", 0, ""),
                new CardMessage(OLD, "@c", "C", "", "", "", false));
        assertEquals(new FriendRequest(OLD, "@d", "D", "hi", "v2", 30, "", Gender.UNKNOWN, "", "", "", "", "", "", ""),
                new FriendRequest(OLD, "@d", "D", "hi", "v2", 30));
        assertEquals(new EmoticonMessage(OLD, "m", true, -1, 0, 0, "", "", "", ""), new EmoticonMessage(OLD, "m", true));
        assertEquals(new LocationMessage(OLD, "l", 1, 2, "p", "u", 0, "", ""), new LocationMessage(OLD, "l", 1, 2, "p", "u"));
        assertEquals(new LocationMessage(OLD, "l", 1, 2, "p", "u", 16, "i", ""),
                new LocationMessage(OLD, "l", 1, 2, "p", "u", 16, "i"));
        assertEquals(new RevokeNotice(OLD, "9", "n", "", ""), new RevokeNotice(OLD, "9", "n"));
    }

    @Test
    void newTextFieldsAreNeverNull() {
        assertThrows(NullPointerException.class, () -> new FileMessage(OLD, "a", 1, "@m", null, "", "", ""));
        assertThrows(NullPointerException.class, () -> new ImageMessage(OLD, 1, 2, "", -1, -1, null));
        assertThrows(NullPointerException.class,
                () -> new VideoMessage(OLD, Duration.ZERO, 1, 2, "", -1, -1, null));
        assertThrows(NullPointerException.class, () -> new LocationMessage(OLD, "l", 1, 2, "p", "u", 0, "", null));
        assertThrows(NullPointerException.class,
                () -> new CardMessage(OLD, "@c", "C", "", "", "", false, null, "", "", "", 0, ""));
        assertThrows(NullPointerException.class,
                () -> new Envelope("1", ALICE, ALICE, Instant.EPOCH, false, false, null, 1, 0, 0, 0));
    }

    @Test
    void genderCodesBeyondTheKnownOnesAreUnknown() {
        assertEquals(Gender.MALE, Gender.ofCode(1));
        assertEquals(Gender.FEMALE, Gender.ofCode(2));
        assertEquals(Gender.UNKNOWN, Gender.ofCode(0));
        assertEquals(Gender.UNKNOWN, Gender.ofCode(-7));
    }
}
