package dev.webwxbot.launcher.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one soak does. Immutable.
 *
 * @param messages numbered messages to inject ({@code soak 1} … {@code soak N})
 * @param ratePerSecond how many are injected per second, evenly spaced
 * @param faultRate share of requests hit by a transport fault, in [0, 1); see {@link FaultMix}
 * @param kills how many times the bot is killed with SIGKILL and started again
 * @param restarts how many times it is stopped with SIGTERM and started again
 * @param seed seeds the emulator's fault draws and the restart times
 * @param faultLogin also fault the login and session set-up endpoints (jslogin, webwxinit, …); off, a restart
 *     resumes quickly and faults hit only the endpoints a running session calls
 * @param settleQuiet after the last message and restart: stop waiting for answers once none came for this long
 * @param maxSettle … and in any case after this long
 * @param distHome the unpacked distribution whose {@code bin/webwx-bot run} is started
 * @param workDir where the bot's configuration, data folder, logs and output go (kept for reading afterwards)
 */
public record SoakPlan(int messages, double ratePerSecond, double faultRate, int kills, int restarts, long seed,
                       boolean faultLogin, Duration settleQuiet, Duration maxSettle, Path distHome, Path workDir) {

    /** More would only make the tool's own bookkeeping the subject of the test. */
    static final int MAX_MESSAGES = 10_000_000;

    public SoakPlan {
        if (messages < 1 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("messages must be 1.." + MAX_MESSAGES + ", was " + messages);
        }
        if (!(ratePerSecond > 0 && ratePerSecond <= 10_000)) {
            throw new IllegalArgumentException("rate must be in (0, 10000] per second, was " + ratePerSecond);
        }
        if (!(faultRate >= 0 && faultRate < 1)) {
            throw new IllegalArgumentException("fault rate must be in [0, 1), was " + faultRate);
        }
        if (kills < 0 || restarts < 0) {
            throw new IllegalArgumentException("kills and restarts must not be negative");
        }
        Objects.requireNonNull(settleQuiet, "settleQuiet");
        Objects.requireNonNull(maxSettle, "maxSettle");
        if (settleQuiet.isNegative() || settleQuiet.isZero() || maxSettle.compareTo(settleQuiet) < 0) {
            throw new IllegalArgumentException("need 0 < settle quiet period <= max settle time");
        }
        Objects.requireNonNull(distHome, "distHome");
        Objects.requireNonNull(workDir, "workDir");
    }

    /** How long injecting all messages takes at the planned rate. */
    Duration injectionTime() {
        return Duration.ofNanos((long) (messages / ratePerSecond * 1e9));
    }
}
