package dev.webwxbot.core.internal.identity;

import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable tag the bot may write at the end of a friend's remark name when the protocol gives no permanent id for
 * them (opt-in): {@code "Alice #wb7k2"}. The tag is {@code wb} and three characters of an alphabet without look-alikes
 * ({@code 0/o}, {@code 1/l/i}), so the phone still shows a readable name, a person can read the tag out, and the bot
 * tells its own tags from anything else a remark might end with. Stateless.
 */
public final class IdentityTag {

    /** What every tag starts with: the bot's mark. */
    static final String PREFIX = "wb";
    private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final int RANDOM_LENGTH = 3;
    /** A tag at the very end of a remark, after a space (or alone): the only place the bot writes one. */
    private static final Pattern AT_END = Pattern.compile("(?:^|\\s)#(" + PREFIX + "[" + ALPHABET + "]{" + RANDOM_LENGTH + "})$");
    /**
     * The official page truncates remark names to 18 characters (PROTOCOL.md 8.2): a name and its tag are kept
     * within that, so the tag is never cut off.
     */
    static final int MAX_REMARK = 18;

    private IdentityTag() {
    }

    /** The tag at the end of {@code remarkName} ({@code wb7k2}), if it carries one. */
    public static Optional<String> of(String remarkName) {
        Matcher matcher = AT_END.matcher(remarkName.strip());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code remarkName} without its tag: the name the person was given ({@code "Alice"}); unchanged without one. */
    public static String withoutTag(String remarkName) {
        Matcher matcher = AT_END.matcher(remarkName.strip());
        return matcher.find() ? remarkName.strip().substring(0, matcher.start()).strip() : remarkName;
    }

    /** The remark name that carries {@code tag} after {@code name}, the name shortened to fit the 18 characters. */
    static String written(String name, String tag) {
        String suffix = "#" + tag;
        int room = MAX_REMARK - suffix.length() - 1;
        String kept = name.strip();
        if (kept.length() > room) {
            int end = room;
            if (end > 0 && Character.isHighSurrogate(kept.charAt(end - 1))) end--; // never half an emoji
            kept = kept.substring(0, end).strip();
        }
        return kept.isEmpty() ? suffix : kept + " " + suffix;
    }

    /** A tag none of {@code taken} is, drawn from {@code random}. */
    static String fresh(RandomGenerator random, Set<String> taken) {
        int possible = (int) Math.pow(ALPHABET.length(), RANDOM_LENGTH);
        if (taken.size() >= possible) throw new IllegalStateException("every one of the " + possible + " tags is taken");
        while (true) {
            StringBuilder tag = new StringBuilder(PREFIX);
            for (int i = 0; i < RANDOM_LENGTH; i++) tag.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            if (!taken.contains(tag.toString())) return tag.toString();
        }
    }
}
