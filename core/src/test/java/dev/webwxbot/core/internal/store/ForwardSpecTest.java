package dev.webwxbot.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.send.OutgoingSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forward kept in the outbox reads back as a forward that sends the same request and expects the same echo. */
class ForwardSpecTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact GROUP = new Contact("@@hikers", "Hikers", "", "", ContactKind.GROUP, "");
    private static final Envelope IN_GROUP = new Envelope("7001", GROUP, ALICE, Instant.EPOCH, false, false);

    @Test
    void everyForwardableKindReadsBackWithWhatItsForwardSends() {
        List<MessageEvent> originals = List.of(
                new TextMessage(IN_GROUP, "hi"),
                new QuoteMessage(IN_GROUP, "agreed", "1", "Bot", "lunch?"),
                new ImageMessage(IN_GROUP, 120, 90, "m", 5, 4, "<msg><img aeskey=\"a\"/></msg>"),
                new VideoMessage(IN_GROUP, Duration.ofSeconds(3), 1, 2, "m", 5, 4, "<msg><videomsg/></msg>"),
                new FileMessage(IN_GROUP, "a.pdf", 12, "@crypt_1", "a%2Epdf", "pdf", "wx1", "PC"),
                new EmoticonMessage(IN_GROUP, "0123456789abcdef0123456789abcdef", false),
                new LocationMessage(IN_GROUP, "Pier", 22.5, 113.9, "p", "u", 16, "i", "<msg><location/></msg>"),
                new CardMessage(IN_GROUP, "@b", "Bob", "", "", "", false, Gender.MALE, "", "", "", 17, "wxid_b"),
                new LinkMessage(IN_GROUP, "Trail", "d", "https://e.com", "app"),
                new MusicMessage(IN_GROUP, "Song", "Artist", "https://m.e", "https://m.e/s.mp3"));
        for (MessageEvent original : originals) {
            Outgoing.Forward forward = Outgoing.forward(original);
            Outgoing.Forward read = (Outgoing.Forward) OutgoingSpec.fromJson(OutgoingSpec.toJson(forward), name -> ALICE);
            assertEquals(original.getClass(), read.original().getClass());
            assertEquals("7001", read.original().msgId());
            assertEquals(GROUP.userName(), read.original().chat().userName());
            assertEquals(ALICE.nickName(), read.original().sender().nickName());
            assertEquals(OutgoingSender.expectedEcho("@@to", forward), OutgoingSender.expectedEcho("@@to", read),
                    original.getClass().getSimpleName());
            // The same request: the outbox form of the read-back forward is the original's.
            assertEquals(OutgoingSpec.toJson(forward), OutgoingSpec.toJson(read));
        }
    }

    @Test
    void aKeptForwardOfAKindThatCannotBeForwardedCannotBeReadBack() {
        var node = OutgoingSpec.toJson(Outgoing.forward(new VoiceMessage(IN_GROUP, Duration.ofSeconds(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutgoingSpec.fromJson(node, name -> ALICE));
        assertEquals("an outbox forward of a kind that cannot be forwarded: 'VoiceMessage'", e.getMessage());
    }
}
