package dev.webwxbot.server.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the metrics know of one account's troubles, for the health view: throttles, failed receive rounds and
 * recoveries since the daemon started, with the times of the latest ones. Immutable.
 *
 * @param throttles times the server said the account sends too fast (Ret 1205 or a notice)
 * @param recentThrottles when the latest throttles came, oldest first (at most {@value #RECENT})
 * @param syncErrors failed rounds of the receive loop
 * @param lastSyncError the latest failure of the receive loop, or empty
 * @param lastSyncErrorAt when it came; null when none did
 * @param reconnects times the receive loop succeeded again after failed rounds
 * @param lastReconnectAt when it last did; null when it never had to
 */
public record AccountHealth(long throttles, List<Instant> recentThrottles, long syncErrors, String lastSyncError,
                            Instant lastSyncErrorAt, long reconnects, Instant lastReconnectAt) {

    /** How many throttle times are kept. */
    public static final int RECENT = 10;

    public AccountHealth {
        recentThrottles = List.copyOf(recentThrottles);
        Objects.requireNonNull(lastSyncError, "lastSyncError");
    }

    /** An account nothing happened to yet. */
    static final AccountHealth NONE = new AccountHealth(0, List.of(), 0, "", null, 0, null);
}
