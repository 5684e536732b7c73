package dev.webwxbot.emulator.scenario;

import java.time.Duration;

/** One validated script step: when it runs and what it does. Immutable. */
record Step(int number, int line, String id, String accountId, Timing timing, Action action) {

    /** When a step runs: at a time since the start, or a delay after an event. */
    sealed interface Timing {
        /** {@code at = 2s}: this long after the script started (at once when that moment has passed). */
        record At(Duration sinceStart) implements Timing {
        }

        /** {@code after = previous|online|reply}, plus {@code delay}. */
        record After(Event event, Duration delay) implements Timing {
        }
    }

    enum Event {
        /** The previous step finished (the default). */
        PREVIOUS,
        /** The step's account has a live web session that did webwxinit. */
        ONLINE,
        /** The step's account sent a message through the web since the previous step began. */
        REPLY;
    }
}
