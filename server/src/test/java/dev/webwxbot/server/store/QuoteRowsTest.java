package dev.webwxbot.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How quote replies, sent and received, become store rows that name the message they quote. */
class QuoteRowsTest {

    private static final Contact SELF = new Contact("@self", "Bot", "", "", ContactKind.SELF, "");
    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Outgoing.Quote QUOTE = new Outgoing.Quote("7001", ALICE, "lunch at noon?", "yes", List.of());
    private static final String LINE = "\n" + Outgoing.Quote.SEPARATOR + "\n";

    @Test
    void aSentQuoteIsKeptAsAQuoteReplyNamingTheQuotedMessage() {
        StoredMessage row = outbound(QUOTE);
        assertEquals("message.quote", row.kind());
        assertEquals("7001", row.quotedMsgId());
        assertEquals("yes\nlunch at noon?", row.text());
        assertEquals("", outbound(Outgoing.text("plain")).quotedMsgId());
    }

    @Test
    void aReceivedQuoteReplyNamesTheMessageItQuotes() {
        Envelope envelope = new Envelope("7002", ALICE, ALICE, Instant.EPOCH, false, false);
        StoredMessage row = Rows.inbound("main", new QuoteMessage(envelope, "sure", "6000", "Bot", "coffee?"),
                Optional.empty(), "");
        assertEquals("6000", row.quotedMsgId());
        assertEquals("", Rows.inbound("main", new TextMessage(envelope, "hi"), Optional.empty(), "").quotedMsgId());
    }

    @Test
    void theEchoOfASentQuoteIsRecognisedByItsReplyAfterTheSeparator() {
        StoredMessage row = outbound(QUOTE);
        assertTrue(Rows.echoOfQuote(row, echo("「Alice：lunch at noon?」" + LINE + "yes")));
        assertFalse(Rows.echoOfQuote(row, echo("yes")), "the same words without a quote are another message");
        assertFalse(Rows.echoOfQuote(row, echo("「Alice：lunch at noon?」" + LINE + "no")));
        assertFalse(Rows.echoOfQuote(outbound(Outgoing.text("yes")), echo("「Alice：x」" + LINE + "yes")));
    }

    private static StoredMessage outbound(Outgoing message) {
        return Rows.outbound("main", SELF, ALICE, message, "900", Instant.EPOCH, Optional.empty());
    }

    private static TextMessage echo(String text) {
        return new TextMessage(new Envelope("8000", ALICE, SELF, Instant.EPOCH, true, false), text);
    }
}
