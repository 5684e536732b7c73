package dev.webwxbot.cluster;

import dev.webwxbot.core.SessionStateStorage;

/**
 * What the daemon does when it comes to hold an account of the cluster and when it lets go of one. Called on the
 * cluster's own virtual threads, one call at a time per account, never {@code acquired} twice without
 * {@code released} in between.
 */
public interface AccountOwner {

    /**
     * This daemon now holds {@code account}'s lease: start its session on {@code storage} (which resumes it from what
     * the last holder kept, without a scan when that session is still alive). Return once it is started or has
     * failed; a failure is the daemon's to report (the lease stays held: the account stays here).
     */
    void acquired(String account, SessionStateStorage storage);

    /**
     * This daemon no longer holds {@code account}: stop its session without logging out, so that the next holder
     * resumes it. Return once the session writes nothing more to its storage (writes after that are refused anyway).
     */
    void released(String account, Release why);

    /** Why an account left this daemon. */
    enum Release {
        /** The daemon is draining or closing: it handed the account over after a clean stop. */
        HANDED_OVER,
        /** The lease could not be renewed in time (Redis unreachable, or another daemon holds it now). */
        LOST,
        /** The account is no longer one the daemon runs (removed from the configuration). */
        REMOVED
    }
}
