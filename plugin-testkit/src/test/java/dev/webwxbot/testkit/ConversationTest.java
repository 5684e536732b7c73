package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.DispatchTrace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two-step conversations held through the emulator: the bot asks a name and greets whoever answered, with several
 * people asking and answering in between, while a later handler and a monitor show where the answers went.
 */
class ConversationTest {

    private static final Watcher WATCHER = new Watcher();

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("names")
            .handlers(new NameAsker(), new Echo(), WATCHER)
            .replyTimeout(Duration.ofSeconds(20))
            .build();

    @BeforeEach
    void forget() {
        WATCHER.seen.clear();
    }

    @Test
    void twoFriendsInterleavedEachGetTheirOwnConversation() {
        bot.friend("Alice").says("hi").expectReply().hasText("what is your name?");
        bot.friend("Bob").says("hi").expectReply().hasText("what is your name?");

        Said answer = bot.friend("Bob").says("Robert");
        answer.expectReply().hasText("hello Robert");
        answer.expectTrace("NameAsker", DispatchTrace.Result.TAKEN_BY_CONVERSATION);
        bot.friend("Alice").says("Ally").expectReply().hasText("hello Ally");
    }

    @Test
    void theFirstTurnEndsWhenTheHandlerStartsWaitingAndStopsTheChain() {
        Said asked = bot.friend("Alice").says("hi");
        asked.expectReply().hasText("what is your name?");
        asked.expectTrace("NameAsker", DispatchTrace.Result.AWAITING).expectTrace("Echo",
                DispatchTrace.Result.SKIPPED_AFTER_STOP);
        bot.friend("Alice").says("Ally").expectReplies(1);
    }

    @Test
    void theAwaitedMessageSkipsLaterHandlersButMonitorsStillSeeIt() {
        bot.friend("Alice").says("hi").expectReply();
        Said answer = bot.friend("Alice").says("Ally");
        assertEquals("hello Ally", answer.expectReplies(1).getFirst().text());
        answer.expectTrace("Echo", DispatchTrace.Result.SKIPPED_AFTER_STOP)
                .expectTrace("Watcher", DispatchTrace.Result.CONTINUED);
        assertTrue(WATCHER.seen.contains("Ally"), "the monitor saw the answer: " + WATCHER.seen);
    }

    @Test
    void inAGroupOnePersonsConversationDoesNotTakeAnotherPersonsMessage() {
        Group group = bot.group("Quiz night", "Alice", "Bob");
        group.member("Alice").says("hi").expectReply().hasText("what is your name?");

        // Bob's message is not Alice's answer: it goes through the chain as usual.
        Said notAnAnswer = group.member("Bob").says("Robert");
        notAnAnswer.expectReply().hasText("echo: Robert");
        notAnAnswer.expectTrace("NameAsker", DispatchTrace.Result.CONTINUED);
        // Bob may start a conversation of his own while Alice's waits.
        group.member("Bob").says("hi").expectReply().hasText("what is your name?");

        group.member("Alice").says("Ally").expectReply().hasText("hello Ally");
        group.member("Bob").says("Bobby").expectReply().hasText("hello Bobby");
    }

    @Test
    void aMessageTheConversationRefusesGoesThroughTheChainAndTheConversationWaitsOn() {
        bot.friend("Alice").says("hi").expectReply();
        // awaitText takes text only: a file is someone else's business.
        bot.friend("Alice").sendsFile("notes.pdf", "%PDF-1.4 notes".getBytes(StandardCharsets.US_ASCII)).expectNoReply()
                .expectTrace("NameAsker", DispatchTrace.Result.CONTINUED)
                .expectTrace("Echo", DispatchTrace.Result.CONTINUED);
        bot.friend("Alice").says("Ally").expectReply().hasText("hello Ally");
    }

    @Test
    void afterAConversationEndsTheNextGreetingStartsANewOne() {
        bot.friend("Alice").says("hi").expectReply();
        bot.friend("Alice").says("again").expectReply().hasText("hello again");
        bot.friend("Alice").says("hi").expectReply().hasText("what is your name?");
        bot.friend("Alice").says("once more").expectReply().hasText("hello once more");
    }

    /** Asks "hi"-sayers their name, then greets them by the answer. */
    static final class NameAsker implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (!(event instanceof TextMessage text) || text.envelope().fromSelf() || !text.text().equals("hi")) {
                return Outcome.CONTINUE;
            }
            Optional<String> name = context.ask("what is your name?", Duration.ofMinutes(5));
            context.reply(name.map(answer -> "hello " + answer).orElse("never mind"));
            return Outcome.STOP;
        }
    }

    /** Answers every text nobody took before it. */
    static final class Echo implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                context.reply("echo: " + text.text());
                return Outcome.STOP;
            }
            return Outcome.CONTINUE;
        }

        @Override
        public int priority() {
            return -1;
        }
    }

    /** Notes every text it sees. */
    static final class Watcher implements MessageHandler {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (event instanceof TextMessage text) seen.add(text.text());
            return Outcome.CONTINUE;
        }

        @Override
        public Phase phase() {
            return Phase.MONITOR;
        }
    }
}
