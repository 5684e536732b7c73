package dev.webwxbot.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Did you mean": the known name closest to a mistyped one, by edit distance (insertions, deletions, substitutions
 * and swaps of two neighbours each count one), ignoring case and treating {@code _} like {@code -}. Only names close
 * enough to be a typo are suggested: one edit for names of up to four characters, two up to eight, three beyond.
 * For keys, {@link PluginSettings#unknownKeys} uses it; a plugin may use it for its own names too:
 *
 * <pre>{@code
 * throw settings.invalid("scope", "unknown scope '" + name + "'"
 *         + DidYouMean.closest(name, List.of("friends", "groups")).map(s -> "; did you mean " + s + "?").orElse(""));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest name of {@code known}, the alphabetically first on a tie; empty when none is close enough. */
    public static Optional<String> closest(String key, Collection<String> known) {
        String typed = normal(key);
        int allowed = typed.length() <= 4 ? 1 : typed.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) { // sorted: the same answer whatever the collection's order
            int distance = distance(typed, normal(candidate));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The problem text for an unknown key: the suggestion when there is one, else what is known here. */
    static String unknownKey(String key, Collection<String> known) {
        return closest(key, known).map(s -> "unknown key; did you mean " + s + "?")
                .orElseGet(() -> known.isEmpty() ? "unknown key; nothing can be set here"
                        : "unknown key; known keys here: " + String.join(", ", new TreeSet<>(known)));
    }

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Optimal string alignment distance: Levenshtein plus transpositions of adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
