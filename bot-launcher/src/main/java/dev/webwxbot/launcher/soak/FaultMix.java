package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.Faults;
import java.time.Duration;
import java.util.List;

/**
 * The faults of a soak: what a real network does to a session that survives it, never what ends a session
 * (logout codes, kicked, banned) or what the server says on purpose (Ret codes such as 1205).
 *
 * <p>Seven transport faults share the fault rate equally on every endpoint the rules cover: a delay, a connection
 * reset mid-answer, a 503, a truncated answer, garbage instead of the answer (the request was handled), a stall
 * (never handled nor answered: the client's read timeout ends it) and a request handled but never answered (a
 * time-out although the server took it). Rules are tried in order and the first that fires
 * decides, so each later rule's probability is raised to make every kind hit {@code rate / KINDS} of the requests
 * and all of them together {@code rate}. On top of that, a webwxsync answer carrying messages has the chance
 * {@code rate} to deliver them once more in the next answer (same MsgId), as the real server does: a fault of
 * its own kind of event (answers with messages, far fewer than requests), so it gets the whole rate.
 */
final class FaultMix {

    /** Long enough to reorder answers, short of every read timeout the soak configures. */
    static final Duration DELAY = Duration.ofMillis(500);

    /** How many kinds share the rate: delay, reset, 503, truncated, malformed, stall, handled but unanswered. */
    static final int KINDS = 7;

    /** What a running session calls: the long poll, the sync and text sends. */
    static final List<String> SESSION_ENDPOINTS = List.of("synccheck", "webwxsync", "webwxsendmsg");

    private FaultMix() {
    }

    /** The endpoints faulted: every one, or (when login is spared) those of a running session. */
    static List<String> endpoints(boolean faultLogin) {
        return faultLogin ? List.of("*") : SESSION_ENDPOINTS;
    }

    static void install(Faults faults, double rate, boolean faultLogin) {
        if (rate == 0) return;
        double share = rate / KINDS;
        for (String endpoint : endpoints(faultLogin)) {
            faults.on(endpoint).probability(conditional(share, 0)).delay(DELAY);
            faults.on(endpoint).probability(conditional(share, 1)).reset();
            faults.on(endpoint).probability(conditional(share, 2)).serverError(503);
            faults.on(endpoint).probability(conditional(share, 3)).truncate();
            faults.on(endpoint).probability(conditional(share, 4)).malformed();
            faults.on(endpoint).probability(conditional(share, 5)).stall();
            faults.on(endpoint).probability(conditional(share, 6)).unanswered();
        }
        faults.on("webwxsync").probability(rate).duplicateDelivery();
    }

    /** The chance the rule at {@code index} must have so that it fires on {@code share} of all requests. */
    static double conditional(double share, int index) {
        return share / (1 - index * share);
    }
}
