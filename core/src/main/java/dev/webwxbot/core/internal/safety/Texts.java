package dev.webwxbot.core.internal.safety;

import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import java.util.Locale;

/**
 * What the loop breaker compares: a message's text (a kind tag such as {@code [image]} for media), reduced to its
 * letters and digits, digits all alike, and whether two such texts are nearly the same: equal, one holding the other
 * while at least half its length (an echo bot's "echo: hi"), or at most a fifth of their letters apart. Stateless.
 */
final class Texts {

    /** Longer texts are compared by their start only: the edit distance costs the product of the lengths. */
    private static final int COMPARED = 200;

    private Texts() {
    }

    static String of(MessageEvent message) {
        return switch (message) {
            case TextMessage text -> text.text();
            case QuoteMessage quote -> quote.text();
            default -> "[" + message.getClass().getSimpleName() + "]";
        };
    }

    static String of(Outgoing message) {
        return switch (message) {
            case Outgoing.Text text -> text.text();
            case Outgoing.Quote quote -> quote.text();
            case Outgoing.Forward forward -> of(forward.original());
            default -> "[" + message.getClass().getSimpleName() + "]";
        };
    }

    static String normalized(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), COMPARED));
        text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).limit(COMPARED)
                .forEach(c -> out.appendCodePoint(Character.isDigit(c) ? '0' : c));
        return out.toString();
    }

    /** Whether two {@link #normalized} texts are nearly the same. */
    static boolean nearlySame(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return a.equals(b) && !a.isEmpty();
        if (a.equals(b)) return true;
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.length() >= 2 && shorter.length() * 2 >= longer.length() && longer.contains(shorter)) return true;
        return distance(a, b) * 5 <= longer.length();
    }

    /** Levenshtein distance, two rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
