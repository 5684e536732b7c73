package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Conversations in the chain on their own, with a clock the test moves: time-outs, the bound per plugin, guards,
 * and the cancellations that leave no handler thread behind.
 */
class ConversationChainTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T08:00:00Z"));
    private final Asker asker = new Asker("hi");
    private final CapturedLogs logs = CapturedLogs.attach();
    private PluginChain chain;

    @AfterEach
    void close() {
        if (chain != null) chain.close();
        logs.close();
    }

    private void chainOf(int limit, PluginChain.Link... links) {
        chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { }, ChainMonitor.NONE, clock, limit);
        chain.install(List.of(links));
    }

    private void askerOnly() {
        chainOf(Conversations.DEFAULT_LIMIT, PluginChain.Link.active(new RegisteredHandler("asker", asker, Phase.MAIN, 0)));
    }

    @Test
    void aWaitThatRunsOutByTheChainsClockGivesTheHandlerATurnToSaySo() throws Exception {
        askerOnly();
        DispatchTrace asked = dispatch("@alice", "hi");
        assertEquals(DispatchTrace.Result.AWAITING, asked.steps().getFirst().result());
        assertEquals(List.of("@alice:what is your name?"), sent);

        clock.advance(Duration.ofMinutes(4));
        chain.conversations().expireDue();
        assertEquals(1, chain.conversations().waiting("asker"), "not yet due by the chain's clock");

        clock.advance(Duration.ofMinutes(2));
        chain.conversations().expireDue();
        Await.until(() -> sent.contains("@alice:too slow"), "the handler's turn after its time ran out");
        assertEquals(0, chain.conversations().waiting());
        assertTrue(asker.thread("@alice").join(Duration.ofSeconds(5)), "the handler's thread ended");

        // The conversation is over: the late answer goes through the chain like any message.
        DispatchTrace late = dispatch("@alice", "Ally");
        assertEquals(DispatchTrace.Result.CONTINUED, late.steps().getFirst().result());
    }

    @Test
    void aDeadlinePassedByTheClockIsNoticedAtTheNextDispatchOfAnyChat() throws Exception {
        askerOnly();
        dispatch("@alice", "hi");
        clock.advance(Duration.ofMinutes(6));
        dispatch("@bob", "unrelated");
        Await.until(() -> sent.contains("@alice:too slow"), "Alice's conversation timed out");
    }

    @Test
    void anAnswerBeforeTheDeadlineIsTakenByTheConversation() throws Exception {
        askerOnly();
        dispatch("@alice", "hi");
        clock.advance(Duration.ofMinutes(4));
        DispatchTrace answered = dispatch("@alice", "Ally");
        assertEquals(DispatchTrace.Result.TAKEN_BY_CONVERSATION, answered.steps().getFirst().result());
        assertEquals(1, answered.steps().getFirst().replies());
        assertEquals("@alice:hello Ally", sent.getLast());
    }

    @Test
    void aGuardThatStopsAMessageKeepsItFromTheConversation() throws Exception {
        MessageHandler guard = (event, context) ->
                event instanceof TextMessage text && text.text().contains("spam") ? Outcome.STOP : Outcome.CONTINUE;
        chainOf(Conversations.DEFAULT_LIMIT,
                PluginChain.Link.active(new RegisteredHandler("guard", guard, Phase.GUARD, 0)),
                PluginChain.Link.active(new RegisteredHandler("asker", asker, Phase.MAIN, 0)));
        dispatch("@alice", "hi");
        DispatchTrace vetoed = dispatch("@alice", "spam spam");
        assertEquals(List.of(DispatchTrace.Result.STOPPED, DispatchTrace.Result.SKIPPED_AFTER_STOP),
                vetoed.steps().stream().map(DispatchTrace.Step::result).toList());
        assertEquals(1, chain.conversations().waiting("asker"));
        DispatchTrace answered = dispatch("@alice", "Ally");
        assertEquals(List.of(DispatchTrace.Result.CONTINUED, DispatchTrace.Result.TAKEN_BY_CONVERSATION),
                answered.steps().stream().map(DispatchTrace.Step::result).toList());
    }

    @Test
    void aPluginMayHaveOnlyItsLimitOfConversationsWaiting() throws Exception {
        chainOf(2, PluginChain.Link.active(new RegisteredHandler("asker", asker, Phase.MAIN, 0)));
        logs.expect(Level.WARN, "plugin 'asker' \\(Asker\\) failed on TextMessage: java.lang.IllegalStateException:"
                + " plugin 'asker' already has 2 conversations waiting, the most one plugin may have");
        dispatch("@alice", "hi");
        dispatch("@bob", "hi");
        DispatchTrace third = dispatch("@carol", "hi");
        assertEquals(DispatchTrace.Result.FAILED, third.steps().getFirst().result());
        assertEquals(2, chain.conversations().waiting("asker"));
        dispatch("@alice", "Ally");
        assertEquals(DispatchTrace.Result.AWAITING, dispatch("@carol", "hi").steps().getFirst().result(),
                "a place is free again once a conversation ended");
    }

    @Test
    void closingTheChainWakesEveryWaitingHandlerWithACancellationAndLeavesNoThread() throws Exception {
        askerOnly();
        dispatch("@alice", "hi");
        dispatch("@bob", "hi");
        chain.close();
        assertEquals(0, chain.conversations().waiting());
        for (String who : List.of("@alice", "@bob")) {
            assertTrue(asker.thread(who).join(Duration.ofSeconds(5)), who + "'s handler thread ended");
            assertEquals("the bot is stopping", asker.cancelled.get(who));
        }
    }

    @Test
    void takingThePluginOutOfTheChainCancelsItsConversationsOnly() throws Exception {
        Asker other = new Asker("hey");
        PluginChain.Link askerLink = PluginChain.Link.active(new RegisteredHandler("asker", asker, Phase.MAIN, 0));
        PluginChain.Link otherLink = PluginChain.Link.active(new RegisteredHandler("other", other, Phase.MAIN, 0));
        chainOf(Conversations.DEFAULT_LIMIT, askerLink, otherLink);
        dispatch("@alice", "hi");
        dispatch("@bob", "hey");
        assertEquals(1, chain.conversations().waiting("asker"));
        assertEquals(1, chain.conversations().waiting("other"));

        chain.install(List.of(new PluginChain.Link(askerLink.registered(), ChatScope.EVERYWHERE, Optional.empty(),
                "disabled by the operator"), otherLink));
        assertTrue(asker.thread("@alice").join(Duration.ofSeconds(5)));
        assertEquals("plugin 'asker' was disabled: disabled by the operator", asker.cancelled.get("@alice"));
        assertEquals(0, chain.conversations().waiting("asker"));
        assertEquals(1, chain.conversations().waiting("other"));

        chain.install(List.of());
        assertTrue(other.thread("@bob").join(Duration.ofSeconds(5)));
        assertEquals("plugin 'other' was unloaded or reloaded", other.cancelled.get("@bob"));
    }

    @Test
    void aHandlerOfAnEventThatIsNotAMessageCannotWait() throws Exception {
        MessageHandler waitsOnLogin = (event, context) -> {
            context.awaitText(Duration.ofMinutes(1));
            return Outcome.CONTINUE;
        };
        chainOf(Conversations.DEFAULT_LIMIT, PluginChain.Link.active(new RegisteredHandler("login", waitsOnLogin, Phase.MAIN, 0)));
        logs.expect(Level.WARN, "plugin 'login' .* failed on LoggedIn: java.lang.IllegalStateException: only a message's"
                + " handler can wait for the sender's next message; this is a LoggedIn");
        DispatchTrace trace = chain.dispatch(new dev.webwxbot.api.event.LoggedIn(new Contact("@me", "me", "", "",
                ContactKind.SELF, ""), 0, Instant.EPOCH), new RecordingBot(sent)).get(5, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.FAILED, trace.steps().getFirst().result());
    }

    @Test
    void aPredicateThatThrowsRefusesTheMessageWhichGoesThroughTheChain() throws Exception {
        MessageHandler picky = (event, context) -> {
            if (!(event instanceof TextMessage text)) return Outcome.CONTINUE;
            if (!text.text().equals("hi")) {
                context.reply("chain: " + text.text());
                return Outcome.STOP;
            }
            Optional<?> answer = context.awaitNext(message -> {
                if (message instanceof TextMessage said && said.text().equals("boom")) throw new IllegalArgumentException("boom");
                return true;
            }, Duration.ofMinutes(5));
            context.reply("answer: " + answer.map(m -> ((TextMessage) m).text()).orElse("none"));
            return Outcome.STOP;
        };
        chainOf(Conversations.DEFAULT_LIMIT, PluginChain.Link.active(new RegisteredHandler("picky", picky, Phase.MAIN, 0)));
        logs.expect(Level.WARN, "plugin 'picky': its conversation's predicate failed on TextMessage"
                + " \\(java.lang.IllegalArgumentException: boom\\); the message goes through the chain");
        dispatch("@alice", "hi");
        DispatchTrace boom = dispatch("@alice", "boom");
        assertEquals(DispatchTrace.Result.STOPPED, boom.steps().getFirst().result());
        assertEquals("@alice:chain: boom", sent.getLast());
        dispatch("@alice", "fine");
        assertEquals("@alice:answer: fine", sent.getLast());
    }

    private DispatchTrace dispatch(String from, String text) throws Exception {
        Contact friend = new Contact(from, from.substring(1), "", "", ContactKind.FRIEND, "");
        TextMessage message = new TextMessage(new Envelope("1", friend, friend, Instant.EPOCH, false, false), text);
        return chain.dispatch(message, new RecordingBot(sent)).get(10, TimeUnit.SECONDS);
    }

    /** Asks those who say its word their name; notes its thread and the cancellation it got, by chat. */
    static final class Asker implements MessageHandler {
        final Map<String, Thread> threads = new ConcurrentHashMap<>();
        final Map<String, String> cancelled = new ConcurrentHashMap<>();
        private final String word;

        Asker(String word) {
            this.word = word;
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (!(event instanceof TextMessage text) || !text.text().equals(word)) return Outcome.CONTINUE;
            String chat = text.chat().userName();
            threads.put(chat, Thread.currentThread());
            try {
                Optional<String> name = context.ask("what is your name?", Duration.ofMinutes(5));
                context.reply(name.map(n -> "hello " + n).orElse("too slow"));
                return Outcome.STOP;
            } catch (java.util.concurrent.CancellationException e) {
                cancelled.put(chat, e.getMessage());
                throw e;
            }
        }

        Thread thread(String chat) {
            return threads.get(chat);
        }
    }
}
