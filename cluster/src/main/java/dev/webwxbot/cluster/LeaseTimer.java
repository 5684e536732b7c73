package dev.webwxbot.cluster;

import java.time.Duration;

/**
 * When a held lease is due for renewal and when it must be given up. Times are {@code System.nanoTime()}-style
 * ticks; a renewal counts from when it was SENT, since Redis starts the new expiry no earlier than that. A holder
 * gives up at {@code lease − lease/3} after its last good renewal: by then it has had two chances to renew, and the
 * remaining third of the lease is the margin in which its session stops before another daemon can claim the account.
 */
final class LeaseTimer {

    private final long renewEvery;
    private final long giveUpAfter;
    private volatile long lastRenewed;

    LeaseTimer(Duration lease, long claimedAt) {
        long leaseNanos = lease.toNanos();
        this.renewEvery = leaseNanos / 3;
        this.giveUpAfter = leaseNanos - leaseNanos / 3;
        this.lastRenewed = claimedAt;
    }

    /** Whether a renewal is due at {@code now}. */
    boolean renewalDue(long now) {
        return now - lastRenewed >= renewEvery;
    }

    /** A renewal sent at {@code sentAt} succeeded. */
    void renewed(long sentAt) {
        if (sentAt - lastRenewed > 0) lastRenewed = sentAt;
    }

    /** Whether the lease must be given up at {@code now}: no good renewal for {@code lease − lease/3}. */
    boolean expiring(long now) {
        return now - lastRenewed >= giveUpAfter;
    }
}
