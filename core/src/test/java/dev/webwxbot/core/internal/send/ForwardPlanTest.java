package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What forwarding each kind sends, and the plain refusals of what cannot be forwarded (docs/forwarding.md). */
class ForwardPlanTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Envelope FROM_ALICE = new Envelope("7001", ALICE, ALICE, Instant.EPOCH, false, false);
    private static final String MD5 = "0123456789ABCDEF0123456789abcdef";

    @Test
    void eachForwardableKindBecomesItsRequest() {
        assertEquals(new ForwardPlan.Text("hi", 2), ForwardPlan.of(new TextMessage(FROM_ALICE, "hi")));
        assertEquals(new ForwardPlan.ByContent(false, "<msg><img/></msg>"),
                ForwardPlan.of(new ImageMessage(FROM_ALICE, 1, 1, "", -1, -1, "<msg><img/></msg>")));
        assertEquals(new ForwardPlan.ByContent(true, "@token"),
                ForwardPlan.of(new VideoMessage(FROM_ALICE, Duration.ZERO, 1, 1, "", -1, -1, "@token")));
        assertEquals(new ForwardPlan.File("a.pdf", 0, "@crypt_1", "pdf"),
                ForwardPlan.of(new FileMessage(FROM_ALICE, "a.pdf", -1, "@crypt_1", "", "pdf", "", "")));
        assertEquals(new ForwardPlan.Sticker(MD5.toLowerCase()), ForwardPlan.of(new EmoticonMessage(FROM_ALICE, MD5, false)));
        assertEquals(new ForwardPlan.Raw(48, "<msg><location/></msg>"), ForwardPlan.of(
                new LocationMessage(FROM_ALICE, "Pier", 1, 2, "", "", 0, "", "<msg><location/></msg>")));
        assertEquals(new ForwardPlan.Raw(42, "<msg username=\"wxid_b&amp;&quot;\" nickname=\"B &lt;3\"/>"),
                ForwardPlan.of(new CardMessage(FROM_ALICE, "@b", "B <3", "", "", "", false, Gender.UNKNOWN, "", "",
                        "", 0, "wxid_b&\"")));
        assertEquals(new ForwardPlan.Text("Trail\nhttps://e.com", 0),
                ForwardPlan.of(new LinkMessage(FROM_ALICE, "Trail", "d", "https://e.com", "")));
        assertEquals(new ForwardPlan.Text("https://e.com", 0),
                ForwardPlan.of(new LinkMessage(FROM_ALICE, " ", "d", "https://e.com", "")));
        assertEquals(new ForwardPlan.Text("Song\nhttps://m.e", 0),
                ForwardPlan.of(new MusicMessage(FROM_ALICE, "Song", "Artist", "https://m.e", "")));
    }

    @Test
    void whatTheWebCannotSendIsRefusedInPlainWords() {
        refused("forward: a voice note cannot be forwarded: the web protocol has no way to send voice (PROTOCOL.md 5"
                + " lists none)", new VoiceMessage(FROM_ALICE, Duration.ofSeconds(2)));
        refused("forward: a transfer message cannot be forwarded: the web protocol has no send for it (PROTOCOL.md 5)",
                new TransferMessage(FROM_ALICE, "¥1"));
        refused("forward: a mini program message cannot be forwarded: the web protocol has no send for it"
                + " (PROTOCOL.md 5)", new MiniProgramMessage(FROM_ALICE, "Shop", "", "", ""));
        refused("forward: a system notice cannot be forwarded: the web protocol has no send for it (PROTOCOL.md 5)",
                new SystemNotice(FROM_ALICE, "x", SystemNotice.Kind.FRIEND_ADDED));
        refused("forward: a friend request cannot be forwarded: the web protocol has no send for it (PROTOCOL.md 5)",
                new FriendRequest(FROM_ALICE, "@d", "D", "hi", "v2", 30));
        refused("forward: an unknown message cannot be forwarded: the web protocol has no send for it (PROTOCOL.md 5)",
                new UnknownMessage(FROM_ALICE, 9999, 0, ""));
        refused("forward: a store sticker cannot be forwarded (PROTOCOL.md 5.6, HasProductId 1)",
                new EmoticonMessage(FROM_ALICE, MD5, true));
    }

    @Test
    void anEventWithoutWhatItsForwardNeedsIsRefused() {
        refused("forward: an image that carries no content naming it on the server (the event was built without it)"
                + " cannot be forwarded", new ImageMessage(FROM_ALICE, 1, 1));
        refused("forward: a sticker without an MD5 cannot be forwarded: the server knows stickers by it (5.6)",
                new EmoticonMessage(FROM_ALICE, "", false));
        refused("forward: a file that has no MediaId cannot be forwarded",
                new FileMessage(FROM_ALICE, "a.pdf", 1, ""));
        refused("forward: a location that came without the server's location XML (OriContent) cannot be forwarded",
                new LocationMessage(FROM_ALICE, "Pier", 1, 2, "", ""));
        refused("forward: a card that does not name its contact's permanent id cannot be forwarded",
                new CardMessage(FROM_ALICE, "@b", "B", "", "", "", false));
        refused("forward: a text that is empty cannot be forwarded", new TextMessage(FROM_ALICE, " "));
        refused("forward: a link that has neither a title nor an address cannot be forwarded",
                new LinkMessage(FROM_ALICE, "", "d", "", ""));
    }

    @Test
    void aKindThatCannotBeForwardedIsNamedAsSuchForReceiptsAndMonitors() {
        assertEquals("forward", ForwardPlan.endpointOf(new VoiceMessage(FROM_ALICE, Duration.ZERO)));
        assertEquals("forward", ForwardPlan.kindOf(new VoiceMessage(FROM_ALICE, Duration.ZERO)));
        assertEquals("webwxsendmsgimg", ForwardPlan.endpointOf(new ImageMessage(FROM_ALICE, 1, 1, "", -1, -1, "c")));
        assertEquals("location", ForwardPlan.kindOf(
                new LocationMessage(FROM_ALICE, "Pier", 1, 2, "", "", 0, "", "<msg/>")));
    }

    private static void refused(String detail, MessageEvent original) {
        OutgoingFailure failure = assertThrows(OutgoingFailure.class, () -> ForwardPlan.of(original));
        assertEquals(FailureReason.INVALID_REQUEST, failure.reason());
        assertEquals(detail, failure.getMessage());
    }
}
