package dev.webwxbot.emulator.scenario;

import java.util.List;

/**
 * A scenario file that cannot be run: every problem found, each naming the file, line and key. Nothing of a
 * scenario that throws this has been started. Immutable and thread-safe.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ScenarioException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one line, e.g. {@code demo.conf:14: script[2].from: unknown contact "alise"}. */
    public List<String> problems() {
        return problems;
    }
}
