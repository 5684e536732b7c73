package dev.webwxbot.plugins.autoreply;

import java.util.Set;

/**
 * The placeholders a rule's templates may use: its trigger's fields ({@code {sender}}, {@code {member}} …) and what
 * its regular expression captures ({@code {1}}, {@code {name}}).
 *
 * @param groupCount the numbered groups (-1 when the trigger is no regular expression, as {@link Template#parse} takes it)
 * @param groupNames the named groups
 * @param fields the trigger's fields ({@link Trigger#fields()})
 */
record Placeholders(int groupCount, Set<String> groupNames, Set<String> fields) {

    /** A text trigger that captures nothing (a keyword, an exact phrase). */
    static final Placeholders NONE = new Placeholders(-1, Set.of(), Trigger.MESSAGE_FIELDS);

    Placeholders {
        groupNames = Set.copyOf(groupNames);
        fields = Set.copyOf(fields);
    }

    /** What a text rule whose matcher is {@code matcher} may use. */
    static Placeholders of(TextMatcher matcher) {
        return new Placeholders(matcher.groupCount(), matcher.groupNames(), Trigger.MESSAGE_FIELDS);
    }

    /** What a rule set off by {@code trigger} may use. */
    static Placeholders of(Trigger trigger) {
        return new Placeholders(trigger.matcher().map(TextMatcher::groupCount).orElse(-1),
                trigger.matcher().map(TextMatcher::groupNames).orElse(Set.of()), trigger.fields());
    }
}
