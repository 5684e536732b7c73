package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FaultMixTest {

    @Test
    void rulesTriedInOrderEachFireOnTheirEqualShareOfAllRequests() {
        double rate = 0.15;
        double share = rate / FaultMix.KINDS;
        double untouched = 1;
        for (int i = 0; i < FaultMix.KINDS; i++) {
            double p = FaultMix.conditional(share, i);
            assertEquals(share, untouched * p, 1e-12, "rule " + i + " fires on its share of all requests");
            untouched *= 1 - p;
        }
        assertEquals(1 - rate, untouched, 1e-12, "all kinds together fire on the fault rate");
    }
}
