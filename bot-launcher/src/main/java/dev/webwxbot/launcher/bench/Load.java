package dev.webwxbot.launcher.bench;

import java.util.Locale;

/** How one measured phase offers its messages. */
sealed interface Load {

    /** How many numbered messages the phase injects. */
    int messages();

    /** How the report names the row. */
    String label();

    /** {@code messages} evenly spaced at {@code perSecond}, whether answers keep up or not (an open loop). */
    record FixedRate(double perSecond, int messages) implements Load {
        public FixedRate {
            if (!(perSecond > 0 && perSecond <= 100_000)) {
                throw new IllegalArgumentException("rate must be in (0, 100000] per second, was " + perSecond);
            }
            if (messages < 1) throw new IllegalArgumentException("messages must be at least 1, was " + messages);
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "%,.0f/s", perSecond);
        }
    }

    /** {@code messages} as fast as answers allow, never more than {@code window} unanswered (a closed loop). */
    record ClosedLoop(int window, int messages) implements Load {
        public ClosedLoop {
            if (window < 1) throw new IllegalArgumentException("window must be at least 1, was " + window);
            if (messages < 1) throw new IllegalArgumentException("messages must be at least 1, was " + messages);
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "closed loop, ≤ %,d unanswered", window);
        }
    }
}
