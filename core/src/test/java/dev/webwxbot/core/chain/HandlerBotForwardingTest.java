package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.History;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bot a handler gets from its context wraps the session's bot for its turn, and hides nothing of it: a daemon
 * with a message store hands a bot whose {@code history()} reads the store, and a handler must see that one (the
 * wrapper once answered every handler with an empty history).
 */
class HandlerBotForwardingTest {

    @Test
    void aHandlerReadsTheHistoryOfTheBotTheChainWasGiven() throws Exception {
        History stored = new History() {
            @Override
            public List<HistoryEntry> latest(Contact chat, int limit) {
                return List.of();
            }

            @Override
            public List<HistoryEntry> search(String text, int limit) {
                return List.of();
            }
        };
        Bot withStore = new RecordingBot(new CopyOnWriteArrayList<>()) {
            @Override
            public History history() {
                return stored;
            }
        };
        List<History> seen = new CopyOnWriteArrayList<>();
        try (PluginChain chain = new PluginChain(List.of(new RegisteredHandler("reader", (event, context) -> {
            seen.add(context.bot().history());
            return Outcome.CONTINUE;
        }, Phase.MAIN, 0)))) {
            Contact alice = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
            chain.dispatch(new TextMessage(new Envelope("1", alice, alice, Instant.EPOCH, false, false), "hi"), withStore)
                    .get(5, TimeUnit.SECONDS);
        }
        assertSame(stored, seen.getFirst());
    }
}
