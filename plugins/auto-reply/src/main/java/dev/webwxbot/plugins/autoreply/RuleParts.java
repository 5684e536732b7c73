package dev.webwxbot.plugins.autoreply;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.webwxbot.api.DidYouMean;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.ChatScope.ChatKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The parts of a rule, each read and checked on its own: every method throws an {@link InvalidSettingsException}
 * naming the key (and the file and line it was set in) at the first problem of that part, so {@link RuleSetReader}
 * can read every part of every rule and report all their problems together. Stateless.
 */
final class RuleParts {

    static final Set<String> MATCHER_KEYS = orderedSet("keyword", "keywords", "exact", "regex");
    /** Keys a rule may set itself or inherit from {@code defaults}. */
    static final Set<String> SHARED_KEYS = orderedSet("scope", "chats", "exclude-chats", "senders",
            "exclude-senders", "require-mention", "ignore-case", "active-hours", "active-days", "time-zone", "cooldown",
            "stop", "pick");
    /** Every key a rule may have. */
    static final Set<String> RULE_KEYS = union(orderedSet("name"), union(union(TriggerParts.KEYS, MATCHER_KEYS),
            union(ActionParts.KEYS, SHARED_KEYS)));
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp");
    /** RE2 program size above which a pattern is refused: matching cost grows with it, so keep it sane. */
    private static final int MAX_PROGRAM_SIZE = 20_000;
    private static final int MAX_PATTERN_LENGTH = 2_000;

    private RuleParts() {
    }

    /**
     * @param reserved the placeholder names of the rule's trigger, which a named group would hide
     */
    static TextMatcher matcher(PluginSettings rule, String ruleKey, boolean ignoreCase, Set<String> reserved) {
        List<String> present = MATCHER_KEYS.stream().filter(rule::has).toList();
        if (present.isEmpty()) {
            throw new InvalidSettingsException(ruleKey, "a rule needs one of keyword, keywords, exact or regex",
                    rule.origin());
        }
        if (present.size() > 1) {
            throw rule.invalid(present.get(1), "conflicts with " + present.get(0)
                    + "; a rule matches by exactly one of keyword, keywords, exact or regex");
        }
        return switch (present.getFirst()) {
            case "keyword" -> new TextMatcher.Keywords(List.of(nonEmpty(rule, "keyword")), ignoreCase);
            case "keywords" -> new TextMatcher.Keywords(nonEmptyList(rule, "keywords"), ignoreCase);
            case "exact" -> new TextMatcher.Exact(nonEmpty(rule, "exact"), ignoreCase);
            default -> new TextMatcher.Regex(regex(rule, ignoreCase, reserved));
        };
    }

    private static Pattern regex(PluginSettings rule, boolean ignoreCase, Set<String> reserved) {
        String source = nonEmpty(rule, "regex");
        if (source.length() > MAX_PATTERN_LENGTH) {
            throw rule.invalid("regex", "is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern pattern;
        try {
            Pattern.compile(source); // first without flags, so an error quotes only what the operator wrote
            pattern = Pattern.compile(source, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw rule.invalid("regex", "not a valid regular expression: " + e.getMessage()
                    + " (RE2 syntax: no look-around, no back-references)");
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw rule.invalid("regex", "is too large (" + pattern.programSize() + " RE2 instructions, at most "
                    + MAX_PROGRAM_SIZE + "); simplify the counted repetitions");
        }
        for (String group : pattern.namedGroups().keySet()) {
            if (reserved.contains(group)) {
                throw rule.invalid("regex", "the group name '" + group + "' is taken by the placeholder {" + group
                        + "}; rename the group");
            }
        }
        return pattern;
    }

    static Set<ChatKind> kinds(Layered values) {
        Set<ChatKind> kinds = EnumSet.noneOf(ChatKind.class);
        if (!values.has("scope")) return EnumSet.allOf(ChatKind.class);
        PluginSettings at = values.at("scope");
        List<String> names = at.stringList("scope");
        if (names.isEmpty()) throw at.invalid("scope", "must name at least one of friends, groups");
        List<String> known = Stream.of(ChatKind.values()).map(ChatKind::configName).toList();
        for (String name : names) {
            String given = name.strip().toLowerCase(Locale.ROOT);
            ChatKind kind = Stream.of(ChatKind.values()).filter(k -> k.configName().equals(given)).findFirst()
                    .orElseThrow(() -> at.invalid("scope", "unknown scope '" + name + "'"
                            + suggestion(given, known).orElse("; use friends, groups")));
            kinds.add(kind);
        }
        return kinds;
    }

    static List<String> names(Layered values, String key) {
        return values.has(key) ? nonEmptyEntries(values.at(key), key) : List.of();
    }

    static ZoneId zone(Layered values) {
        if (!values.has("time-zone")) return ZoneId.systemDefault();
        PluginSettings at = values.at("time-zone");
        String id = at.string("time-zone").strip();
        if (id.equalsIgnoreCase("system")) return ZoneId.systemDefault();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw at.invalid("time-zone", "unknown time zone '" + id + "'; use a region such as"
                    + " Asia/Shanghai, an offset such as +08:00, or system");
        }
    }

    static List<ActiveWindow.HourRange> hours(Layered values) {
        if (!values.has("active-hours")) return List.of(new ActiveWindow.HourRange(LocalTime.MIDNIGHT, null));
        PluginSettings at = values.at("active-hours");
        try {
            return ActiveWindow.parseHours(at.string("active-hours"));
        } catch (IllegalArgumentException e) {
            throw at.invalid("active-hours", e.getMessage());
        }
    }

    static Set<DayOfWeek> days(Layered values) {
        if (!values.has("active-days")) return EnumSet.allOf(DayOfWeek.class);
        PluginSettings at = values.at("active-days");
        Set<DayOfWeek> days;
        try {
            days = ActiveWindow.parseDays(at.stringList("active-days"));
        } catch (IllegalArgumentException e) {
            throw at.invalid("active-days", e.getMessage());
        }
        if (days.isEmpty()) throw at.invalid("active-days", "must name at least one day");
        return days;
    }

    static boolean pickOne(Layered values) {
        if (!values.has("pick")) return false;
        PluginSettings at = values.at("pick");
        String pick = at.string("pick").strip().toLowerCase(Locale.ROOT);
        return switch (pick) {
            case "all" -> false;
            case "random" -> true;
            default -> throw at.invalid("pick", "must be all (send every reply in order) or random (send one)"
                    + suggestion(pick, List.of("all", "random")).orElse(""));
        };
    }

    static Duration cooldown(Layered values) {
        return values.has("cooldown") ? duration(values.at("cooldown"), "cooldown") : Duration.ZERO;
    }

    static Path mediaDir(PluginSettings settings) {
        String dir = settings.has("media-dir") ? settings.string("media-dir") : "media";
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw settings.invalid("media-dir", "is not a valid path: " + e.getMessage());
        }
    }

    static Path mediaFile(PluginSettings block, String key, Path mediaDir, boolean picture) {
        String value = nonEmpty(block, key);
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw block.invalid(key, "is not a valid path: " + e.getMessage());
        }
        Path file = given.isAbsolute() ? given.normalize() : mediaDir.resolve(given).normalize();
        String where = given.isAbsolute() ? "" : " (relative paths are resolved against media-dir = " + mediaDir + ")";
        if (!Files.exists(file)) throw block.invalid(key, "no such file: " + file + where);
        if (!Files.isRegularFile(file)) throw block.invalid(key, "not a regular file: " + file + where);
        if (!Files.isReadable(file)) throw block.invalid(key, "cannot be read: " + file);
        if (picture) {
            String fileName = file.getFileName().toString();
            String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!IMAGE_EXTENSIONS.contains(extension)) {
                throw block.invalid(key, "is not a picture (" + String.join(", ", new TreeSet<>(IMAGE_EXTENSIONS))
                        + "): " + file + "; send other files with file = \"…\"");
            }
        }
        return file;
    }

    static Duration duration(PluginSettings settings, String key) {
        Duration duration = settings.duration(key);
        if (duration.isNegative()) throw settings.invalid(key, "must not be negative");
        return duration;
    }

    static String nonEmpty(PluginSettings settings, String key) {
        String value = settings.string(key);
        if (value.isBlank()) throw settings.invalid(key, "must not be empty");
        return value;
    }

    private static List<String> nonEmptyList(PluginSettings settings, String key) {
        List<String> values = nonEmptyEntries(settings, key);
        if (values.isEmpty()) throw settings.invalid(key, "must hold at least one entry");
        return values;
    }

    static List<String> nonEmptyEntries(PluginSettings settings, String key) {
        List<String> values = settings.stringList(key);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) throw settings.invalid(key + "." + i, "must not be empty");
        }
        return values;
    }

    /** Reads one part; a problem is added to {@code problems} and the part is empty. */
    static <T> Optional<T> part(Supplier<T> read, List<InvalidSettingsException> problems) {
        try {
            return Optional.of(read.get());
        } catch (InvalidSettingsException e) {
            problems.add(e);
            return Optional.empty();
        }
    }

    /** {@code "; did you mean X?"} when {@code given} is close to one of {@code known}. */
    static Optional<String> suggestion(String given, Collection<String> known) {
        return DidYouMean.closest(given, known).map(s -> "; did you mean " + s + "?");
    }

    static Set<String> orderedSet(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return all;
    }

    /** A rule's own keys over the shared defaults. */
    record Layered(PluginSettings rule, Optional<PluginSettings> defaults) {

        boolean has(String key) {
            return rule.has(key) || defaults.map(d -> d.has(key)).orElse(false);
        }

        /** The block that sets {@code key}, so values are read and errors named where the operator wrote them. */
        PluginSettings at(String key) {
            return rule.has(key) ? rule : defaults.orElseThrow();
        }

        boolean bool(String key, boolean fallback) {
            return has(key) ? at(key).bool(key) : fallback;
        }
    }
}
