package dev.webwxbot.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.store.StoredMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A forward becomes a row of the kind the chat gets, naming the message it forwards and where that came from. */
class ForwardRowsTest {

    private static final Contact SELF = new Contact("@self", "Bot", "", "", ContactKind.SELF, "");
    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact GROUP = new Contact("@@hikers", "Hikers", "", "", ContactKind.GROUP, "");
    private static final Envelope FROM_ALICE = new Envelope("7001", ALICE, ALICE, Instant.EPOCH, false, false);

    @Test
    void aForwardedFileIsAFileRowNamingTheOriginal() {
        StoredMessage row = outbound(Outgoing.forward(new FileMessage(FROM_ALICE, "minutes.pdf", 12, "@crypt_1")));
        assertEquals("message.file", row.kind());
        assertEquals("minutes.pdf", row.text());
        assertEquals("@@hikers", row.chatId());
        assertTrue(row.fieldsJson().contains("\"forwardedMsgId\":\"7001\""), row.fieldsJson());
        assertTrue(row.fieldsJson().contains("\"forwardedFrom\":{"), row.fieldsJson());
        assertTrue(row.fieldsJson().contains("\"mediaId\":\"@crypt_1\""), "the original's fields: " + row.fieldsJson());
    }

    @Test
    void aForwardedImageIsAnImageRow() {
        assertEquals("message.image", outbound(Outgoing.forward(new ImageMessage(FROM_ALICE, 1, 1, "", -1, -1, "<msg/>")))
                .kind());
    }

    @Test
    void aQuoteOrALinkIsATextRowOfWhatWasSent() {
        StoredMessage quote = outbound(Outgoing.forward(new QuoteMessage(FROM_ALICE, "agreed", "1", "Bot", "lunch?")));
        assertEquals("message.text", quote.kind());
        assertEquals("agreed", quote.text());
        StoredMessage link = outbound(Outgoing.forward(new LinkMessage(FROM_ALICE, "Trail", "d", "https://e.com", "")));
        assertEquals("message.text", link.kind());
        assertEquals("Trail\nhttps://e.com", link.text());
    }

    private static StoredMessage outbound(Outgoing message) {
        return Rows.outbound("main", SELF, GROUP, message, "900", Instant.EPOCH, Optional.empty());
    }
}
