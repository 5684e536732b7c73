package dev.webwxbot.core.chain;

/**
 * How long a handler's turn has waited for its own sends: the wall time during which at least one of its
 * {@code Bot.send} calls was in progress. A send waits behind the account's send queue, which a burst of traffic
 * can make long; that is the bot being busy, not the plugin hanging, so the time budget does not count it (a
 * plugin whose answers merely queued was once timed out and, five times over, switched off by its circuit breaker:
 * every later message went unanswered). A send always ends, with a receipt or a failure, so the budget still ends.
 * Times are {@link System#nanoTime} readings. Thread-safe.
 */
final class SendWaits {

    private long waited;
    private int inFlight;
    private long since;

    synchronized void began(long now) {
        if (inFlight++ == 0) since = now;
    }

    synchronized void ended(long now) {
        if (--inFlight == 0) waited += now - since;
    }

    /** The time spent waiting for sends up to {@code now}, the send in progress included. */
    synchronized long waited(long now) {
        return waited + (inFlight > 0 ? now - since : 0);
    }
}
