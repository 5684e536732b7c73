package dev.webwxbot.plugins.autoreply;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How a rule decides whether a message's text is for it. Implementations are immutable and thread-safe. */
sealed interface TextMatcher {

    /** The captures when {@code text} matches, else empty. */
    Optional<Captures> match(String text);

    /**
     * How many numbered groups templates may use besides the whole match {@code {0}}; -1 for matchers that capture
     * nothing at all (keywords, exact phrases), so that even {@code {0}} is refused when the rules load.
     */
    default int groupCount() {
        return -1;
    }

    /** The named groups templates may use. */
    default Set<String> groupNames() {
        return Set.of();
    }

    /** The text contains any of the keywords. */
    record Keywords(List<String> keywords, boolean ignoreCase) implements TextMatcher {
        public Keywords {
            keywords = ignoreCase ? keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList() : List.copyOf(keywords);
        }

        @Override
        public Optional<Captures> match(String text) {
            String haystack = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
            return keywords.stream().anyMatch(haystack::contains) ? Optional.of(Captures.NONE) : Optional.empty();
        }
    }

    /** The whole text, leading and trailing white space ignored, is the phrase. */
    record Exact(String phrase, boolean ignoreCase) implements TextMatcher {
        public Exact {
            phrase = phrase.strip();
        }

        @Override
        public Optional<Captures> match(String text) {
            String said = text.strip();
            boolean same = ignoreCase ? said.equalsIgnoreCase(phrase) : said.equals(phrase);
            return same ? Optional.of(Captures.NONE) : Optional.empty();
        }
    }

    /**
     * The RE2 pattern is found somewhere in the text (anchor it with {@code ^…$} for the whole text). RE2 runs in
     * time linear in the text, whatever the pattern, so an operator's pattern cannot stall the bot.
     */
    record Regex(Pattern pattern) implements TextMatcher {

        @Override
        public Optional<Captures> match(String text) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) return Optional.empty();
            List<String> numbered = new ArrayList<>(matcher.groupCount() + 1);
            for (int group = 0; group <= matcher.groupCount(); group++) {
                numbered.add(orEmpty(matcher.group(group)));
            }
            Map<String, String> named = new HashMap<>();
            for (String name : pattern.namedGroups().keySet()) {
                named.put(name, orEmpty(matcher.group(name)));
            }
            return Optional.of(new Captures(numbered, named));
        }

        @Override
        public int groupCount() {
            return pattern.groupCount();
        }

        @Override
        public Set<String> groupNames() {
            return Set.copyOf(pattern.namedGroups().keySet());
        }

        private static String orEmpty(String group) {
            return group == null ? "" : group;
        }
    }
}
