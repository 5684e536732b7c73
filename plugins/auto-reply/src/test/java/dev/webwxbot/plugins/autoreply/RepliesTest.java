package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which reply is sent, and what happens when sending fails, against a recording context that can pick and refuse;
 * text, image and file replies as a chat receives them are in AutoReplyInChatsTest.
 */
class RepliesTest {

    @TempDir
    Path media;

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);
    private final RecordingContext context = new RecordingContext();

    private AutoReplyHandler handler(String block, RandomGenerator random) {
        AutoReplyHandler handler = new AutoReplyHandler(clock, random);
        handler.configure(settings("media-dir = \"" + media.toString().replace("\\", "/") + "\"\n" + block));
        return handler;
    }

    @Test
    void pickRandomSendsExactlyTheChosenOne() {
        RandomGenerator alwaysSecond = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("only nextInt(bound) is expected");
            }

            @Override
            public int nextInt(int bound) {
                assertEquals(3, bound);
                return 1;
            }
        };
        handler("rules = [{ keyword = joke, pick = random, replies = [one, two, three] }]", alwaysSecond)
                .handle(fromFriend(ALICE, "joke"), context);
        assertEquals(List.of("two"), context.texts());
    }

    @Test
    void pickRandomSendsOneOfTheReplies() {
        AutoReplyHandler handler = handler("rules = [{ keyword = joke, pick = random, replies = [one, two, three] }]",
                RandomGenerator.getDefault());
        for (int i = 0; i < 20; i++) handler.handle(fromFriend(ALICE, "joke"), context);
        assertEquals(20, context.replies.size());
        context.texts().forEach(text -> assertEquals(true, List.of("one", "two", "three").contains(text), text));
    }

    @Test
    void aRefusedSendIsLoggedAndTheOtherRepliesStillGoOut() {
        context.answer = new SendReceipt.Failed(FailureReason.THROTTLED, 1, "webwxsendmsg refused");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Outcome outcome = handler("rules = [{ keyword = a, replies = [one, two] }]", RandomGenerator.getDefault())
                    .handle(fromFriend(ALICE, "a"), context);
            assertEquals(List.of("one", "two"), context.texts());
            assertEquals(Outcome.STOP, outcome);
            assertEquals(List.of(
                    "auto-reply: rule 1: replies[1]: the send action failed in 'Alice': THROTTLED (webwxsendmsg refused);"
                            + " the rule's other actions go on",
                    "auto-reply: rule 1: replies[2]: the send action failed in 'Alice': THROTTLED (webwxsendmsg refused);"
                            + " the rule's other actions go on"),
                    logs.at(Level.WARN), "one line per refused reply");
        }
    }

    @Test
    void aSendThatThrowsDoesNotReachTheChain() {
        context.thrown = new IllegalStateException("session ended");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            Outcome outcome = handler("rules = [{ keyword = a, replies = [one, two] }]", RandomGenerator.getDefault())
                    .handle(fromFriend(ALICE, "a"), context);
            assertEquals(List.of("one", "two"), context.texts());
            assertEquals(Outcome.STOP, outcome);
            assertEquals(2, logs.at(Level.WARN).size(), "one line per failed reply: " + logs.all());
            assertTrue(logs.at(Level.WARN).getFirst().endsWith("IllegalStateException: session ended; the rule's other"
                    + " actions go on"), logs.all());
        }
    }
}
