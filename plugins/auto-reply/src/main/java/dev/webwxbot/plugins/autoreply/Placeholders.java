package dev.webwxbot.plugins.autoreply;

import java.util.Set;

/**
 * The capture placeholders ({@code {1}}, {@code {name}}) a rule's templates may use, besides the message fields
 * every template has: what its trigger's regular expression captures.
 *
 * @param groupCount the numbered groups (-1 when the trigger is no regular expression, as {@link Template#parse} takes it)
 * @param groupNames the named groups
 */
record Placeholders(int groupCount, Set<String> groupNames) {

    /** A trigger that captures nothing (a keyword, an exact phrase, an event). */
    static final Placeholders NONE = new Placeholders(-1, Set.of());

    Placeholders {
        groupNames = Set.copyOf(groupNames);
    }

    /** What a rule whose trigger is {@code matcher} may use. */
    static Placeholders of(TextMatcher matcher) {
        return new Placeholders(matcher.groupCount(), matcher.groupNames());
    }
}
