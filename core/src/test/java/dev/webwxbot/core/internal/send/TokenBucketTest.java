package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsItsBurstBackToBackThenOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.nanosUntilAvailable(0));
            bucket.take(0);
        }
        assertEquals(SECOND / 2, bucket.nanosUntilAvailable(0));
        assertEquals(SECOND / 4, bucket.nanosUntilAvailable(SECOND / 4));
        assertEquals(0, bucket.nanosUntilAvailable(SECOND / 2));
    }

    @Test
    void takingWithoutATokenIsRefused() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);
        bucket.take(0);
        assertThrows(IllegalStateException.class, () -> bucket.take(SECOND / 2));
    }

    @Test
    void refillStopsAtTheBurstSize() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);
        assertFalse(bucket.isFull(0));
        assertTrue(bucket.isFull(100 * SECOND));
        bucket.take(100 * SECOND);
        bucket.take(100 * SECOND);
        assertEquals(SECOND / 10, bucket.nanosUntilAvailable(100 * SECOND), "not three tokens after a long rest");
    }

    @Test
    void aLowerRateTakesEffectFromNowAndKeepsTokensGatheredBefore() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);
        bucket.take(0);
        bucket.setRate(0.5, SECOND / 2); // half a token gathered at the old rate
        assertEquals(SECOND, bucket.nanosUntilAvailable(SECOND / 2), "the other half at half the rate");
    }
}
