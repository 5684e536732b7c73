package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginChain;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Why the bot answered or stayed silent, as the chain's trace of the very message tells it. */
class TraceTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("traced")
            .handlers(new Gatekeeper(), new Greeter())
            .config("plugins.traced.greeting = hey")
            .build();

    @Test
    void aHandlerThatStopsTheChainWithoutAnsweringIsNamed() {
        Said said = bot.friend("Alice").says("stop");
        AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
        assertEquals("expected the bot to answer Alice's \"stop\", but it did not answer: the chain ended at plugin"
                + " traced (Gatekeeper: STOP)", silent.getMessage());
        said.expectNoReply()
                .expectTrace("Gatekeeper", DispatchTrace.Result.STOPPED)
                .expectTrace("Greeter", DispatchTrace.Result.SKIPPED_AFTER_STOP);
    }

    @Test
    void theHandlerThatAnsweredIsKnown() {
        Reply reply = bot.friend("Alice").says("hello").expectReply().hasText("hey Alice");
        assertEquals("traced/Greeter", reply.answeredBy());
        assertEquals(DispatchTrace.Result.CONTINUED, bot.lastTrace().steps().getFirst().result());
    }

    @Test
    void aWrongExpectationOfTheTraceShowsTheWholeTrace() {
        Said said = bot.friend("Alice").says("hello");
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> said.expectTrace("Greeter", DispatchTrace.Result.CONTINUED));
        assertTrue(wrong.getMessage().startsWith("expected Greeter's turn on Alice's \"hello\" to end CONTINUED, but it"
                + " ended STOPPED\n"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("traced/Gatekeeper: CONTINUED"), wrong.getMessage());
        AssertionError unknown = assertThrows(AssertionError.class,
                () -> said.expectTrace("Nobody", DispatchTrace.Result.CONTINUED));
        assertEquals("expected one handler Nobody in the chain, but it has traced/Gatekeeper, traced/Greeter",
                unknown.getMessage());
    }

    @Test
    void aHandlerThatThrowsIsNamedWithWhatItThrew() {
        try (CapturedWarnings chain = CapturedWarnings.of(PluginChain.class)) {
            Said said = bot.friend("Alice").says("boom");
            AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
            assertEquals("expected the bot to answer Alice's \"boom\", but it did not answer: plugin traced's"
                    + " Gatekeeper threw java.lang.IllegalStateException: boom; Greeter let it pass (CONTINUE)",
                    silent.getMessage());
            assertEquals(List.of("WARN plugin 'traced' (Gatekeeper) failed on TextMessage:"
                    + " java.lang.IllegalStateException: boom"), chain.lines());
        }
    }

    @Test
    void aHandlerOverItsTimeBudgetIsNamedAndTheChainGoesOn() {
        bot.reconfigure("plugins.traced.time-budget = 200ms");
        try (CapturedWarnings chain = CapturedWarnings.of(PluginChain.class)) {
            Said said = bot.friend("Alice").says("sleep");
            AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
            assertEquals("expected the bot to answer Alice's \"sleep\", but it did not answer: plugin traced's"
                    + " Gatekeeper exceeded its time budget of 200 ms; Greeter let it pass (CONTINUE)",
                    silent.getMessage());
            assertEquals(1, chain.lines().size(), chain.lines().toString());
        }
    }

    @Test
    void aChatOutsideThePluginsScopeIsNamedAsTheReason() {
        bot.reconfigure("plugins.traced.chats.only = [groups]");
        Said said = bot.friend("Alice").says("hello");
        AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
        assertEquals("expected the bot to answer Alice's \"hello\", but it did not answer: plugin traced's Gatekeeper"
                + " does not hear this chat (its chats setting); plugin traced's Greeter does not hear this chat"
                + " (its chats setting)", silent.getMessage());
    }

    @Test
    void aDisabledPluginIsNamedAsTheReason() {
        bot.reconfigure("plugins.traced.enabled = false");
        Said said = bot.friend("Alice").says("hello");
        AssertionError silent = assertThrows(AssertionError.class, said::expectReply);
        assertEquals("expected the bot to answer Alice's \"hello\", but it did not answer: plugin traced is disabled:"
                + " enabled = false in its configuration", silent.getMessage());
    }

    /** Runs first: "stop" stops the chain silently, "boom" throws, "sleep" outsleeps any budget. */
    static final class Gatekeeper implements MessageHandler {
        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) throws InterruptedException {
            if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
            return switch (text.text()) {
                case "stop" -> Outcome.STOP;
                case "boom" -> throw new IllegalStateException("boom");
                case "sleep" -> {
                    Thread.sleep(Duration.ofSeconds(30));
                    yield Outcome.STOP;
                }
                default -> Outcome.CONTINUE;
            };
        }
    }
}
