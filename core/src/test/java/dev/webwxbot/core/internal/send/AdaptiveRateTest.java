package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveRateTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void eachThrottleHalvesTheRateDownToTheFloor() {
        AdaptiveRate rate = new AdaptiveRate(0.5, 0.2, 2 * MINUTE);
        assertEquals(1.0, rate.fraction(0));
        rate.throttled(0);
        assertEquals(0.5, rate.fraction(0));
        rate.throttled(0);
        assertEquals(0.25, rate.fraction(0));
        rate.throttled(0);
        assertEquals(0.2, rate.fraction(0));
    }

    @Test
    void eachQuietPeriodUndoesOneStepUpToTheFullRate() {
        AdaptiveRate rate = new AdaptiveRate(0.5, 0.1, 2 * MINUTE);
        rate.throttled(0);
        rate.throttled(0);
        assertEquals(0.25, rate.fraction(2 * MINUTE - 1));
        assertEquals(0.5, rate.fraction(2 * MINUTE));
        assertEquals(1.0, rate.fraction(4 * MINUTE));
        assertEquals(1.0, rate.fraction(100 * MINUTE));
    }

    @Test
    void aThrottleRestartsTheQuietPeriod() {
        AdaptiveRate rate = new AdaptiveRate(0.5, 0.1, 2 * MINUTE);
        rate.throttled(0);
        rate.throttled(MINUTE + MINUTE / 2);
        assertEquals(0.25, rate.fraction(3 * MINUTE), "only 1.5 quiet minutes since the second throttle");
        assertEquals(0.5, rate.fraction(3 * MINUTE + MINUTE / 2));
    }
}
