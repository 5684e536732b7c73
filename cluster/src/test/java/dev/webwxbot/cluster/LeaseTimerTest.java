package dev.webwxbot.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTimerTest {

    private static final long MS = 1_000_000;

    @Test
    void renewalIsDueEveryThirdOfTheLease() {
        LeaseTimer timer = new LeaseTimer(Duration.ofMillis(3000), 0);
        assertFalse(timer.renewalDue(999 * MS));
        assertTrue(timer.renewalDue(1000 * MS));
        timer.renewed(1000 * MS);
        assertFalse(timer.renewalDue(1999 * MS));
        assertTrue(timer.renewalDue(2000 * MS));
    }

    @Test
    void leaseIsGivenUpAThirdOfTheLeaseBeforeItCanExpire() {
        LeaseTimer timer = new LeaseTimer(Duration.ofMillis(3000), 0);
        timer.renewed(500 * MS);
        assertFalse(timer.expiring(2499 * MS));
        assertTrue(timer.expiring(2500 * MS), "2/3 of the lease after the last renewal was sent");
    }

    @Test
    void aLateAnswerToAnOlderRenewalDoesNotMoveTheDeadlineBack() {
        LeaseTimer timer = new LeaseTimer(Duration.ofMillis(3000), 0);
        timer.renewed(1500 * MS);
        timer.renewed(1000 * MS);
        assertFalse(timer.expiring(3499 * MS));
        assertTrue(timer.expiring(3500 * MS));
    }

    @Test
    void timeCountsAcrossTheTickerWrappingAround() {
        long start = Long.MAX_VALUE - 500 * MS;
        LeaseTimer timer = new LeaseTimer(Duration.ofMillis(3000), start);
        assertFalse(timer.expiring(start + 1999 * MS));
        assertTrue(timer.expiring(start + 2000 * MS));
    }
}
