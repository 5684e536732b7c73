package dev.webwxbot.server.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the sends of this run are recognised when the server echoes them back, without asking the store. */
class OwnSendsTest {

    private static final Contact SELF = new Contact("@self", "Bot", "", "", ContactKind.SELF, "");
    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact BOB = new Contact("@bob", "Bob", "", "", ContactKind.FRIEND, "");

    private final OwnSends sends = new OwnSends();

    @Test
    void anEchoIsRecognisedByTheMsgIdOfItsReceiptOnce() {
        sends.queued(send("L1", ALICE, "hello"));
        sends.sent("main", "L1", "9001");
        assertFalse(take("other", echo("9001", ALICE, "hello")), "another account's MsgId");
        assertTrue(take("main", echo("9001", ALICE, "hello")));
        assertFalse(take("main", echo("9001", ALICE, "hello")), "a second delivery is left to the store");
    }

    @Test
    void anEchoBeforeTheReceiptIsRecognisedByChatKindAndText() {
        sends.queued(send("L1", ALICE, "hello"));
        assertFalse(take("main", echo("9001", BOB, "hello")), "another chat");
        assertFalse(take("main", echo("9001", ALICE, "hello there")), "other words: the owner typed them");
        assertTrue(take("main", echo("9001", ALICE, "hello")));
        sends.sent("main", "L1", "9001"); // the receipt after its echo finds nothing to remember
        assertFalse(take("main", echo("9001", ALICE, "hello")));
    }

    @Test
    void theEchoOfAQuoteReplyIsRecognisedByTheReplyAfterTheSeparator() {
        sends.queued(Rows.outbound("main", SELF, ALICE, new Outgoing.Quote("7001", ALICE, "lunch?", "yes", List.of()),
                "L1", Instant.EPOCH, Optional.empty()));
        assertTrue(take("main", echo("9001", ALICE, "「Alice：lunch?」\n" + Outgoing.Quote.SEPARATOR + "\nyes")));
    }

    @Test
    void aFailedSendExpectsNoEcho() {
        sends.queued(send("L1", ALICE, "hello"));
        sends.failed("main", "L1");
        assertFalse(take("main", echo("9001", ALICE, "hello")), "the owner may type the same words");
    }

    @Test
    void theOldestSendsAreForgottenBeyondTheCapacity() {
        for (int i = 0; i <= OwnSends.CAPACITY; i++) {
            sends.queued(send("L" + i, ALICE, "text " + i));
            sends.sent("main", "L" + i, "id" + i);
        }
        assertFalse(take("main", echo("id0", ALICE, "text 0")), "the oldest fell out: the store finds it");
        assertTrue(take("main", echo("id1", ALICE, "text 1")));
        assertTrue(take("main", echo("id" + OwnSends.CAPACITY, ALICE, "text " + OwnSends.CAPACITY)));
    }

    private boolean take(String account, MessageEvent echo) {
        return sends.takeEcho(account, echo, EventJson.type(echo), Rows.text(echo));
    }

    private static StoredMessage send(String localId, Contact chat, String text) {
        return Rows.outbound("main", SELF, chat, Outgoing.text(text), localId, Instant.EPOCH, Optional.empty());
    }

    private static TextMessage echo(String msgId, Contact chat, String text) {
        return new TextMessage(new Envelope(msgId, chat, SELF, Instant.EPOCH, true, false), text);
    }
}
