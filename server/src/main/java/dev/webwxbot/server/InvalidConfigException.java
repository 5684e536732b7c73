package dev.webwxbot.server;

import java.util.List;

/**
 * The operator's configuration has mistakes; every one found is listed, each naming the file, line and key:
 *
 * <pre>
 * invalid configuration: 2 problem(s)
 *   config/application.conf:3: webwx-bot.sever: unknown key; did you mean server?
 *   config/application.conf:9: webwx-bot.send.min-gap: has type STRING rather than DURATION
 * </pre>
 *
 * An {@link IllegalArgumentException}, so the launcher reports it as one of the operator's mistakes (exit code 2).
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid configuration: " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("an invalid configuration has at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** One line per problem: {@code file:line: key: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
