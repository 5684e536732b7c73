package dev.webwxbot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the kit does between two tests of a class, driven by hand here: it waits for the chain to finish with the
 * test's messages and forgets them, cancels the conversations left waiting, and brings the class's configuration
 * back.
 */
class ResetBetweenTestsTest {

    private final Held held = new Held();
    private PluginTestKit kit;

    @BeforeEach
    void start() {
        kit = PluginTestKit.forPlugin("greeter").handlers(held, new Asker(), new Greeter()).config("plugins.greeter.greeting = hi").build();
        kit.start();
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void betweenTestsTheKitWaitsUntilTheChainIsDoneWithEveryMessageThenForgetsThem() throws Exception {
        kit.friend("Alice").says("hold");
        assertTrue(held.entered.await(20, TimeUnit.SECONDS));
        Thread test = Thread.currentThread();
        // Let the handler go only once the kit is waiting for it.
        Thread.startVirtualThread(() -> {
            while (test.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
            held.release.countDown();
        });
        kit.afterEach(null);
        assertTrue(held.done, "the test ended while the chain still handled its message");
        assertThrows(IllegalStateException.class, kit::lastTrace);
    }

    @Test
    void aQuestionLeftOpenByOneTestDoesNotTakeTheNextTestsMessage() {
        kit.friend("Alice").says("ask me").expectReply().hasText("what?");
        kit.afterEach(null);
        kit.friend("Alice").says("hello").expectReply().hasText("hi Alice");
    }

    @Test
    void aReconfigurationLastsUntilTheEndOfTheTest() {
        kit.reconfigure("plugins.greeter.greeting = hello");
        kit.friend("Alice").says("hello").expectReply().hasText("hello Alice");
        kit.afterEach(null);
        kit.friend("Alice").says("hello").expectReply().hasText("hi Alice");
    }

    @Test
    void aRejectedReconfigurationFailsWithThePluginsMessageAndTheNextTestHasThePluginBack() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> kit.reconfigure("plugins.greeter.greeting = \"\""));
        // Named where the value came from (the test's config(...) line), as an operator's file and line would be.
        assertEquals("PluginTestKit config(...):1: plugins.greeter.greeting: must not be empty", refused.getMessage());
        AssertionError silent = assertThrows(AssertionError.class, () -> kit.friend("Alice").says("hello").expectReply());
        assertEquals("expected the bot to answer Alice's \"hello\", but it did not answer: plugin greeter is disabled:"
                + " invalid configuration: PluginTestKit config(...):1: plugins.greeter.greeting: must not be empty",
                silent.getMessage());
        kit.afterEach(null);
        kit.friend("Alice").says("hello").expectReply().hasText("hi Alice");
    }

    /** Asks "what?" on "ask me" and waits an hour for the answer. */
    static final class Asker implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (!(event instanceof TextMessage text) || !text.text().equals("ask me")) return Outcome.CONTINUE;
            context.ask("what?", Duration.ofHours(1)).ifPresent(answer -> context.reply("got " + answer));
            return Outcome.STOP;
        }
    }

    /** Holds "hold" until released, then answers it. */
    static final class Held implements MessageHandler {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean done;

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) throws InterruptedException {
            if (!(event instanceof TextMessage text) || !text.text().equals("hold")) return Outcome.CONTINUE;
            entered.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            context.reply("held");
            done = true;
            return Outcome.STOP;
        }
    }
}
