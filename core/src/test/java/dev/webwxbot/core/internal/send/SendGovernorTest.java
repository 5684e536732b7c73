package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SendState;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The governor on a manual clock: every wait is a timer the test runs by advancing time. */
class SendGovernorTest {

    private static final long MS = 1_000_000L;

    /** Fast limits without gaps or bucket waits, so a test sees only the rule it is about. */
    private static final SendLimits FREE = SendLimits.defaults()
            .withGlobalRate(600_000, 1_000).withPerChatRate(600_000, 1_000)
            .withGaps(Duration.ZERO, Duration.ZERO)
            .withRetries(3, Duration.ofSeconds(1), Duration.ofSeconds(8))
            .withSlowdown(0.5, 0.1, Duration.ofMinutes(2));

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> started = new ArrayList<>();
    private final List<Long> startTimes = new ArrayList<>();
    private final Map<String, CompletableFuture<String>> inFlight = new HashMap<>();
    /** Every throttle is logged as a warning; the tests that throttle assert them. */
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    /** The warnings logged, one pattern each, in order. */
    private void assertWarned(String... patterns) {
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(patterns.length, warnings.size(), warnings.toString());
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(warnings.get(i).matches(patterns[i]), warnings.get(i) + " should match " + patterns[i]);
        }
    }

    /** The warning of a 1205 that pauses every send at {@code percent} of the rate, then {@code what} of the call. */
    private static String paused(int percent, String what) {
        return "webwxsendmsg answered 1205 \\(sending too fast\\): all sends pause for \\d+ ms at " + percent
                + "% of the configured rate; " + what;
    }

    private SendGovernor governor(SendLimits limits) {
        return new SendGovernor(limits, clock, Runnable::run, new Random(42));
    }

    /** A call that records its start and waits for the test to finish it. */
    private Supplier<CompletableFuture<String>> held(String label) {
        return () -> {
            started.add(label);
            startTimes.add(clock.nanoTime());
            CompletableFuture<String> answer = new CompletableFuture<>();
            inFlight.put(label, answer);
            return answer;
        };
    }

    /** A call that records its start and succeeds at once. */
    private Supplier<CompletableFuture<String>> instant(String label) {
        return () -> {
            started.add(label);
            startTimes.add(clock.nanoTime());
            return CompletableFuture.completedFuture(label);
        };
    }

    /** A call answered 1205 on its first {@code throttledTimes} attempts, then sent. */
    private Supplier<CompletableFuture<String>> throttledFirst(String label, int throttledTimes) {
        int[] attempts = {0};
        return () -> {
            started.add(label);
            startTimes.add(clock.nanoTime());
            return attempts[0]++ < throttledTimes
                    ? CompletableFuture.failedFuture(new ApiErrorException("webwxsendmsg", RetCodes.TOO_FREQUENT, ""))
                    : CompletableFuture.completedFuture(label);
        };
    }

    @Test
    void sendsToOneChatStartOneAtATimeInSubmissionOrderWhileOtherChatsProceed() {
        SendGovernor governor = governor(FREE);
        CompletableFuture<String> a1 = governor.submit("A", held("a1"));
        governor.submit("A", held("a2"));
        governor.submit("A", held("a3"));
        governor.submit("B", held("b1"));
        assertEquals(List.of("a1", "b1"), started);

        inFlight.get("a1").complete("a1");
        assertEquals(List.of("a1", "b1", "a2"), started);
        assertTrue(a1.isDone());
        inFlight.get("a2").completeExceptionally(new java.io.IOException("network down"));
        assertEquals(List.of("a1", "b1", "a2", "a3"), started, "a failure ends its call, not the chat");
    }

    @Test
    void aThrottledSendIsRetriedBeforeAnyLaterSendToItsChat() throws Exception {
        SendGovernor governor = governor(FREE);
        CompletableFuture<String> first = governor.submit("A", throttledFirst("first", 1));
        CompletableFuture<String> second = governor.submit("A", instant("second"));
        assertEquals(List.of("first"), started);
        assertFalse(second.isDone());

        clock.advanceMillis(1_000);
        assertEquals(List.of("first", "first", "second"), started);
        assertEquals("first", first.get());
        assertEquals("second", second.get());
        assertWarned(paused(50, "retry 1 of 3"));
    }

    @Test
    void aCallThrottledMoreOftenThanTheRetriesAllowFailsWithTooFrequent() {
        SendGovernor governor = governor(FREE.withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(8)));
        CompletableFuture<String> doomed = governor.submit("A", throttledFirst("doomed", Integer.MAX_VALUE));
        CompletableFuture<String> next = governor.submit("A", instant("next"));
        clock.advanceMillis(60_000);

        assertEquals(List.of("doomed", "doomed", "doomed", "next"), started, "one try and two retries");
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, doomed::get);
        ApiErrorException error = assertInstanceOf(ApiErrorException.class, failure.getCause());
        assertEquals(RetCodes.TOO_FREQUENT, error.ret());
        assertTrue(next.isDone() && !next.isCompletedExceptionally());
        assertWarned(paused(50, "retry 1 of 2"), paused(25, "retry 2 of 2"),
                paused(13, "giving up on this call after 2 retries"));
    }

    @Test
    void aThrottleBacksOffExponentiallyWithJitterUpToTheCap() {
        SendGovernor governor = governor(FREE.withRetries(5, Duration.ofSeconds(1), Duration.ofSeconds(4)));
        governor.submit("A", throttledFirst("x", 5));
        clock.advanceMillis(120_000);

        assertEquals(6, startTimes.size());
        long[][] bounds = {{500, 1_000}, {1_000, 2_000}, {2_000, 4_000}, {2_000, 4_000}, {2_000, 4_000}};
        for (int i = 0; i < bounds.length; i++) {
            long pause = (startTimes.get(i + 1) - startTimes.get(i)) / MS;
            assertTrue(pause >= bounds[i][0] && pause <= bounds[i][1] + 1, "pause " + i + " was " + pause + " ms");
        }
        assertWarned(paused(50, "retry 1 of 5"), paused(25, "retry 2 of 5"), paused(13, "retry 3 of 5"),
                paused(10, "retry 4 of 5"), paused(10, "retry 5 of 5"));
    }

    /** A call whose first {@code failures} attempts failed retryably (say a 503), then sent. */
    private Supplier<CompletableFuture<String>> retryableFirst(String label, int failures) {
        int[] attempts = {0};
        return () -> {
            started.add(label);
            startTimes.add(clock.nanoTime());
            return attempts[0]++ < failures
                    ? CompletableFuture.failedFuture(new RetryableSendFailure(new java.io.IOException("HTTP 503"), false))
                    : CompletableFuture.completedFuture(label);
        };
    }

    @Test
    void aRetryableFailureIsRetriedAfterABackOffOfItsChatOnlyBeforeTheChatsNextSend() throws Exception {
        SendGovernor governor = governor(FREE);
        CompletableFuture<String> first = governor.submit("A", retryableFirst("first", 2));
        CompletableFuture<String> second = governor.submit("A", instant("second"));
        CompletableFuture<String> other = governor.submit("B", instant("other"));
        assertEquals(List.of("first", "other"), started, "another chat is not held up");
        assertTrue(other.isDone());

        clock.advanceMillis(10_000);
        assertEquals(List.of("first", "other", "first", "first", "second"), started);
        assertEquals("first", first.get());
        assertEquals("second", second.get());
        long firstRetry = startTimes.get(2) - startTimes.get(0);
        long secondRetry = startTimes.get(3) - startTimes.get(2);
        assertTrue(firstRetry >= 500 * MS && firstRetry <= 1_000 * MS, "first back-off " + firstRetry / MS + " ms");
        assertTrue(secondRetry >= 1_000 * MS && secondRetry <= 2_000 * MS, "second back-off " + secondRetry / MS + " ms");
        assertEquals(1.0, governor.rateFraction(), "a failure that is no throttle does not slow the session down");
    }

    @Test
    void aCallThatKeepsFailingRetryablyGivesUpAfterTheRetriesWithTheRetryableFailure() {
        SendGovernor governor = governor(FREE.withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(8)));
        CompletableFuture<String> doomed = governor.submit("A", retryableFirst("doomed", Integer.MAX_VALUE));
        clock.advanceMillis(60_000);

        assertEquals(List.of("doomed", "doomed", "doomed"), started, "one try and two retries");
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, doomed::get);
        assertInstanceOf(RetryableSendFailure.class, failure.getCause());
    }

    @Test
    void aThrottlePausesEveryChatAndTheRateRecoversAfterQuietPeriods() {
        SendGovernor governor = governor(FREE);
        governor.submit("A", throttledFirst("a", 1));
        governor.submit("B", instant("b"));
        assertEquals(List.of("a"), started, "B waits out the pause too: the limit is the account's");
        assertEquals(0.5, governor.rateFraction());

        clock.advanceMillis(1_000);
        assertEquals(List.of("a", "a", "b"), started, "the older send goes first after the pause");
        clock.advanceMillis(120_000);
        assertEquals(1.0, governor.rateFraction());
        assertWarned(paused(50, "retry 1 of 3"));
    }

    @Test
    void aTooFrequentNoticePausesSendsAndLowersTheRateWithoutFailingAny() throws Exception {
        SendGovernor governor = governor(FREE);
        governor.tooFrequentNoticed();
        CompletableFuture<String> waiting = governor.submit("A", instant("a"));
        assertTrue(started.isEmpty());
        assertEquals(0.5, governor.rateFraction());
        clock.advanceMillis(1_000);
        assertEquals("a", waiting.get());
        assertWarned("a 'too frequent' notice arrived; all sends pause for \\d+ ms at 50% of the configured rate");
    }

    @Test
    void itsStateShowsTheLoweredRateThePauseAndTheQueueForTheHealthView() throws Exception {
        SendGovernor governor = governor(FREE);
        assertEquals(new SendState(1.0, 0, 0, Duration.ZERO, 0), governor.state());
        governor.submit("A", held("a"));
        governor.tooFrequentNoticed();
        CompletableFuture<String> waiting = governor.submit("B", instant("b"));

        SendState paused = governor.state();
        assertEquals(0.5, paused.rateFraction());
        assertEquals(1, paused.queued(), "b waits; a is in flight");
        assertEquals(1, paused.inFlight());
        assertEquals(1, paused.throttlesInARow());
        assertTrue(paused.pausedFor().toMillis() > 0 && paused.pausedFor().toMillis() <= 1_000, paused.toString());
        clock.advanceMillis(1_000);
        assertEquals("b", waiting.get());
        assertEquals(Duration.ZERO, governor.state().pausedFor());
        assertEquals(0, governor.state().queued());
        assertWarned("a 'too frequent' notice arrived; all sends pause for \\d+ ms at 50% of the configured rate");
    }

    @Test
    void gapsBetweenSendsFallWithinTheConfiguredBoundsAndVary() {
        SendGovernor governor = governor(FREE.withGaps(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        for (int i = 0; i < 20; i++) governor.submit("chat" + (i % 4), instant("m" + i));
        clock.advanceMillis(120_000);

        assertEquals(20, startTimes.size());
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < startTimes.size(); i++) gaps.add((startTimes.get(i) - startTimes.get(i - 1)) / MS);
        assertTrue(gaps.stream().allMatch(gap -> gap >= 1_000 && gap <= 3_001), gaps.toString());
        assertTrue(gaps.stream().distinct().count() > 5, "human-like, not a metronome: " + gaps);
    }

    @Test
    void theBucketsBoundStartsInEverySlidingWindow() {
        // 10 a second in all, bursts of 4; 3 a second per chat, bursts of 2.
        SendLimits limits = FREE.withGlobalRate(600, 4).withPerChatRate(180, 2);
        SendGovernor governor = governor(limits);
        List<String> chats = List.of("A", "B", "C", "D");
        Map<String, List<Long>> perChat = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String chat = chats.get(i % chats.size());
            governor.submit(chat, () -> {
                perChat.computeIfAbsent(chat, c -> new ArrayList<>()).add(clock.nanoTime());
                startTimes.add(clock.nanoTime());
                return CompletableFuture.completedFuture("ok");
            });
        }
        clock.runUntilIdle(600_000 * MS);

        assertEquals(300, startTimes.size());
        assertWithinRate(startTimes, 10, 4);
        perChat.values().forEach(times -> assertWithinRate(times, 3, 2));
        double seconds = (startTimes.getLast() - startTimes.getFirst()) / 1e9;
        assertTrue(seconds < 300 / 10.0 + 1, "the governor also keeps up with the rate: " + seconds + " s");
    }

    /** Any window of length T holds at most burst + rate × T starts. */
    static void assertWithinRate(List<Long> times, double perSecond, int burst) {
        for (int i = 0; i < times.size(); i++) {
            for (int j = i; j < times.size(); j++) {
                double span = (times.get(j) - times.get(i)) / 1e9;
                int count = j - i + 1;
                if (count > burst + perSecond * span + 1e-6) {
                    throw new AssertionError(count + " starts within " + span + " s exceed " + perSecond + "/s burst " + burst);
                }
            }
        }
    }

    @Test
    void aFullQueueRefusesNewSendsAtOnce() {
        SendGovernor governor = governor(FREE.withMaxQueued(2));
        governor.submit("A", held("a1"));
        governor.submit("A", held("a2"));
        CompletableFuture<String> refused = governor.submit("B", held("b1"));
        assertTrue(refused.isCompletedExceptionally());
        inFlight.get("a1").complete("a1");
        assertFalse(governor.submit("B", held("b2")).isDone(), "room again once one finished");
    }

    @Test
    void closeFailsWaitingSendsLetsTheOneInFlightFinishAndRefusesNewOnes() throws Exception {
        SendGovernor governor = governor(FREE);
        CompletableFuture<String> flying = governor.submit("A", held("a1"));
        CompletableFuture<String> queued = governor.submit("A", held("a2"));
        governor.close();
        assertInstanceOf(SendGovernor.SendStoppedException.class,
                org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, queued::get).getCause());
        assertTrue(governor.submit("B", held("b")).isCompletedExceptionally());
        inFlight.get("a1").complete("done");
        assertEquals("done", flying.get());
        assertEquals(List.of("a1"), started);
    }

    @Test
    void aCallThatThrowsFailsOnlyItsOwnSend() throws Exception {
        SendGovernor governor = governor(FREE);
        CompletableFuture<String> broken = governor.submit("A", () -> {
            throw new IllegalArgumentException("bad body");
        });
        CompletableFuture<String> fine = governor.submit("A", instant("fine"));
        assertTrue(broken.isCompletedExceptionally());
        assertEquals("fine", fine.get());
    }
}
