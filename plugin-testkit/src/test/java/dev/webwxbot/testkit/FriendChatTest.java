package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.DispatchTrace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FriendChatTest {

    /** Holds "slow" messages until the test lets them go, then answers "late". */
    private static final SlowAnswer SLOW = new SlowAnswer();

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("greeter")
            .handlers(SLOW, new Greeter())
            .config("plugins.greeter.greeting = hi")
            .replyTimeout(Duration.ofSeconds(20))
            .build();

    @Test
    void aFriendsMessageIsAnsweredWithWhatThePluginReplied() {
        Reply reply = bot.friend("Alice").says("hello").expectReply().hasText("hi Alice");
        assertEquals(ReplyKind.TEXT, reply.kind());
        assertEquals("greeter/Greeter", reply.answeredBy());
    }

    @Test
    void aWrongTextFailsInPlainWords() {
        Reply reply = bot.friend("Alice").says("hello").expectReply();
        AssertionError wrong = assertThrows(AssertionError.class, () -> reply.hasText("pong Alice"));
        assertEquals("expected the bot to answer Alice with \"pong Alice\", but it answered \"hi Alice\"",
                wrong.getMessage());
    }

    @Test
    void expectingAnAnswerToWhatThePluginIgnoresFailsSayingWhyTheBotWasSilent() {
        Said said = bot.friend("Alice").says("bye");
        AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
        assertEquals("expected the bot to answer Alice's \"bye\", but it did not answer: SlowAnswer let it pass"
                + " (CONTINUE); Greeter let it pass (CONTINUE)", silent.getMessage());
    }

    @Test
    void silenceIsConfirmedOnceTheChainIsDoneWithThatMessageNotAfterTheTimeout() {
        long start = System.nanoTime();
        bot.friend("Alice").says("bye").expectNoReply();
        // The kit waits 20 s for an answer; silence is known as soon as the chain's trace of the message is.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void expectingSilenceWaitsForTheChainSoALateAnswerIsCaught() throws Exception {
        Said slow = bot.friend("Dave").says("slow");
        SLOW.awaitHeld();
        Thread.startVirtualThread(SLOW::release);
        AssertionError answered = assertThrows(AssertionError.class, slow::expectNoReply);
        assertEquals("expected the bot to stay silent after Dave's \"slow\", but it answered \"late\""
                + " (greeter/SlowAnswer)", answered.getMessage());
    }

    @Test
    void anAnswerIsTheAnswerToTheMessageThatCausedItNotToALaterOne() throws Exception {
        Said slow = bot.friend("Erin").says("slow");
        SLOW.awaitHeld();
        Said hello = bot.friend("Erin").says("hello");
        SLOW.release();
        hello.expectReply().hasText("hi Erin");
        slow.expectReply().hasText("late");
        assertEquals(1, hello.replies().size());
    }

    @Test
    void anUnexpectedAnswerFailsNamingTheAnswerAndTheHandlerThatSentIt() {
        Said said = bot.friend("Alice").says("hello");
        AssertionError answered = assertThrows(AssertionError.class, said::expectNoReply);
        assertEquals("expected the bot to stay silent after Alice's \"hello\", but it answered \"hi Alice\""
                + " (greeter/Greeter)", answered.getMessage());
    }

    @Test
    void theSameNameIsTheSameFriendAndTheBotKnowsThem() {
        bot.friend("Frank").says("hello").expectReply().hasText("hi Frank");
        bot.friend("Frank").says("hello").expectReply().hasText("hi Frank");
        long franks = bot.contacts().stream()
                .filter(contact -> contact.nickName().equals("Frank") && contact.kind() == ContactKind.FRIEND).count();
        assertEquals(1, franks);
    }

    @Test
    void expectingSeveralAnswersCountsThem() {
        Said said = bot.friend("Alice").says("hello");
        assertEquals(1, said.expectReplies(1).size());
        AssertionError count = assertThrows(AssertionError.class, () -> said.expectReplies(2));
        assertEquals("expected the bot to answer Alice's \"hello\" with 2 messages, but it sent 1: \"hi Alice\"",
                count.getMessage());
    }

    @Test
    void theLastTraceIsThatOfTheLastMessageSaid() {
        bot.friend("Alice").says("hello");
        bot.friend("Alice").says("bye");
        DispatchTrace trace = bot.lastTrace();
        assertEquals("bye", ((TextMessage) trace.event()).text());
        assertEquals(List.of(DispatchTrace.Result.CONTINUED, DispatchTrace.Result.CONTINUED),
                trace.steps().stream().map(DispatchTrace.Step::result).toList());
    }

    @Test
    void theOwnersOwnMessagesReachThePluginAsTheirOwn() {
        bot.friend("Alice").ownerSays("hello").expectNoReply().expectTrace("Greeter", DispatchTrace.Result.CONTINUED);
        assertEquals(true, bot.lastTrace().event() instanceof TextMessage text && text.envelope().fromSelf());
    }

    @Test
    void aRemarkNameAndAWeChatIdAreWhatTheBotSeesOfAFriend() {
        bot.friend("Gina").remarkedAs("Aunt Gina").withWeChatId("gina_wx").says("hello").expectReply()
                .hasText("hi Aunt Gina");
        assertTrue(bot.contacts().stream().anyMatch(c -> c.nickName().equals("Gina") && c.alias().equals("gina_wx")));
    }

    /** Answers "slow" with "late", but only once the test lets it go. */
    static final class SlowAnswer implements MessageHandler {
        private volatile CountDownLatch held = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) throws InterruptedException {
            if (!(event instanceof TextMessage text) || text.envelope().fromSelf() || !text.text().equals("slow")) {
                return Outcome.CONTINUE;
            }
            CountDownLatch letGo = release;
            held.countDown();
            if (!letGo.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            context.reply("late");
            return Outcome.STOP;
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(held.await(20, TimeUnit.SECONDS), "the slow message never reached the handler");
        }

        void release() {
            CountDownLatch letGo = release;
            held = new CountDownLatch(1);
            release = new CountDownLatch(1);
            letGo.countDown();
        }
    }
}
