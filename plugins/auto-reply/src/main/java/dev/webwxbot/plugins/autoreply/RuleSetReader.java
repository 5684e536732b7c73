package dev.webwxbot.plugins.autoreply;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.ChatScope.ChatKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads and checks the plugin's block into a {@link RuleSet}. Every problem becomes an
 * {@link InvalidSettingsException} naming the exact key, such as
 * {@code plugins.auto-reply.rules.3.regex: not a valid regular expression: …}. Stateless.
 *
 * <p>A rule's optional keys may be given once under {@code defaults}; a rule's own value wins. The built-in
 * defaults below are the same as the plugin's {@code reference.conf}, so the rules read the same whether or not
 * the host merged that file in.
 */
final class RuleSetReader {

    private static final Set<String> MATCHER_KEYS = orderedSet("keyword", "keywords", "exact", "regex");
    private static final Set<String> REPLY_KEYS = orderedSet("reply", "replies");
    /** Keys a rule may set itself or inherit from {@code defaults}. */
    private static final Set<String> SHARED_KEYS = orderedSet("scope", "chats", "exclude-chats", "senders",
            "exclude-senders", "require-mention", "ignore-case", "active-hours", "active-days", "time-zone", "cooldown",
            "stop", "pick");
    /** Every key a rule may have. */
    private static final Set<String> RULE_KEYS =
            union(orderedSet("name"), union(MATCHER_KEYS, union(REPLY_KEYS, SHARED_KEYS)));
    /** The keys of a reply block; it has exactly one. */
    private static final Set<String> REPLY_BLOCK_KEYS = orderedSet("text", "image", "file");
    private static final Set<String> TOP_KEYS = orderedSet("media-dir", "chat-cooldown", "defaults", "rules");
    /** Keys the host may keep in a plugin's block for itself (enabling it, placing it in the chain). */
    private static final Set<String> HOST_KEYS = Set.of("enabled", "phase", "priority", "chats", "time-budget",
            "accounts");
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp");
    /** RE2 program size above which a pattern is refused: matching cost grows with it, so keep it sane. */
    private static final int MAX_PROGRAM_SIZE = 20_000;
    private static final int MAX_PATTERN_LENGTH = 2_000;

    private RuleSetReader() {
    }

    static RuleSet read(PluginSettings settings) {
        rejectUnknownKeys(settings, union(TOP_KEYS, HOST_KEYS), TOP_KEYS, "");
        Path mediaDir = mediaDir(settings);
        Duration chatCooldown = settings.has("chat-cooldown") ? duration(settings, "chat-cooldown") : Duration.ZERO;
        Optional<PluginSettings> defaults = Optional.empty();
        if (settings.has("defaults")) {
            PluginSettings block = settings.section("defaults");
            rejectUnknownKeys(block, SHARED_KEYS, SHARED_KEYS, "; only the keys shared by rules can have defaults");
            defaults = Optional.of(block);
        }
        List<Rule> rules = new ArrayList<>();
        if (settings.has("rules")) {
            List<PluginSettings> blocks = settings.sectionList("rules");
            for (int i = 0; i < blocks.size(); i++) {
                rules.add(rule(blocks.get(i), defaults, settings.keyOf("rules." + i), "rules." + i, mediaDir));
            }
        }
        return new RuleSet(rules, chatCooldown);
    }

    private static Rule rule(PluginSettings rule, Optional<PluginSettings> defaults, String key, String position,
                             Path mediaDir) {
        rejectUnknownKeys(rule, RULE_KEYS, RULE_KEYS, "");
        Layered values = new Layered(rule, defaults);
        String name = rule.has("name") ? nonEmpty(rule, "name") : position;
        TextMatcher matcher = matcher(rule, key, values.bool("ignore-case", true));
        ActiveWindowAndZone time = activeWindow(values);
        return new Rule(key, name, matcher, scope(values), values.bool("require-mention", true), time.window(),
                time.zone(), values.has("cooldown") ? duration(values.at("cooldown"), "cooldown") : Duration.ZERO,
                values.bool("stop", true), replies(rule, key, matcher, mediaDir), pickOne(values));
    }

    private static TextMatcher matcher(PluginSettings rule, String ruleKey, boolean ignoreCase) {
        List<String> present = MATCHER_KEYS.stream().filter(rule::has).toList();
        if (present.isEmpty()) {
            throw new InvalidSettingsException(ruleKey, "a rule needs one of keyword, keywords, exact or regex");
        }
        if (present.size() > 1) {
            throw rule.invalid(present.get(1), "conflicts with " + present.get(0)
                    + "; a rule matches by exactly one of keyword, keywords, exact or regex");
        }
        return switch (present.getFirst()) {
            case "keyword" -> new TextMatcher.Keywords(List.of(nonEmpty(rule, "keyword")), ignoreCase);
            case "keywords" -> new TextMatcher.Keywords(nonEmptyList(rule, "keywords"), ignoreCase);
            case "exact" -> new TextMatcher.Exact(nonEmpty(rule, "exact"), ignoreCase);
            default -> new TextMatcher.Regex(regex(rule, ignoreCase));
        };
    }

    private static Pattern regex(PluginSettings rule, boolean ignoreCase) {
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
            if (Template.RESERVED_NAMES.contains(group)) {
                throw rule.invalid("regex", "the group name '" + group + "' is taken by the placeholder {" + group
                        + "}; rename the group");
            }
        }
        return pattern;
    }

    private static ChatScope scope(Layered values) {
        Set<ChatKind> kinds = EnumSet.noneOf(ChatKind.class);
        if (values.has("scope")) {
            PluginSettings at = values.at("scope");
            List<String> names = at.stringList("scope");
            if (names.isEmpty()) throw at.invalid("scope", "must name at least one of friends, groups");
            for (String name : names) {
                ChatKind kind = Stream.of(ChatKind.values())
                        .filter(k -> k.configName().equals(name.strip().toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow(() -> at.invalid("scope", "unknown scope '" + name + "'; use friends, groups"));
                kinds.add(kind);
            }
        } else {
            kinds.addAll(EnumSet.allOf(ChatKind.class));
        }
        return new ChatScope(kinds, names(values, "chats"), names(values, "exclude-chats"), names(values, "senders"),
                names(values, "exclude-senders"));
    }

    private static List<String> names(Layered values, String key) {
        return values.has(key) ? nonEmptyEntries(values.at(key), key) : List.of();
    }

    private record ActiveWindowAndZone(Optional<ActiveWindow> window, ZoneId zone) {
    }

    private static ActiveWindowAndZone activeWindow(Layered values) {
        ZoneId zone = ZoneId.systemDefault();
        if (values.has("time-zone")) {
            PluginSettings at = values.at("time-zone");
            String id = at.string("time-zone").strip();
            if (!id.equalsIgnoreCase("system")) {
                try {
                    zone = ZoneId.of(id);
                } catch (DateTimeException e) {
                    throw at.invalid("time-zone", "unknown time zone '" + id + "'; use a region such as"
                            + " Asia/Shanghai, an offset such as +08:00, or system");
                }
            }
        }
        if (!values.has("active-hours") && !values.has("active-days")) {
            return new ActiveWindowAndZone(Optional.empty(), zone);
        }
        List<ActiveWindow.HourRange> hours = List.of(new ActiveWindow.HourRange(java.time.LocalTime.MIDNIGHT, null));
        if (values.has("active-hours")) {
            PluginSettings at = values.at("active-hours");
            try {
                hours = ActiveWindow.parseHours(at.string("active-hours"));
            } catch (IllegalArgumentException e) {
                throw at.invalid("active-hours", e.getMessage());
            }
        }
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        if (values.has("active-days")) {
            PluginSettings at = values.at("active-days");
            try {
                days = ActiveWindow.parseDays(at.stringList("active-days"));
            } catch (IllegalArgumentException e) {
                throw at.invalid("active-days", e.getMessage());
            }
            if (days.isEmpty()) throw at.invalid("active-days", "must name at least one day");
        }
        return new ActiveWindowAndZone(Optional.of(new ActiveWindow(hours, days, zone)), zone);
    }

    private static boolean pickOne(Layered values) {
        if (!values.has("pick")) return false;
        PluginSettings at = values.at("pick");
        return switch (at.string("pick").strip().toLowerCase(Locale.ROOT)) {
            case "all" -> false;
            case "random" -> true;
            default -> throw at.invalid("pick", "must be all (send every reply in order) or random (send one)");
        };
    }

    private static List<ReplyAction> replies(PluginSettings rule, String ruleKey, TextMatcher matcher, Path mediaDir) {
        if (rule.has("reply") && rule.has("replies")) {
            throw rule.invalid("replies", "conflicts with reply; use reply for one text, replies for several");
        }
        if (rule.has("reply")) return List.of(textReply(rule, "reply", matcher));
        if (!rule.has("replies")) {
            throw rule.invalid("reply", "is required: every rule needs reply = \"…\" or replies = [ … ]");
        }
        List<ReplyAction> replies = new ArrayList<>();
        Optional<List<String>> texts = stringsIfStrings(rule, "replies");
        if (texts.isPresent()) {
            for (int i = 0; i < texts.get().size(); i++) {
                replies.add(new ReplyAction.Text(template(rule, "replies." + i, texts.get().get(i), matcher)));
            }
        } else {
            for (PluginSettings block : rule.sectionList("replies")) {
                replies.add(replyBlock(block, matcher, mediaDir));
            }
        }
        if (replies.isEmpty()) throw rule.invalid("replies", "must hold at least one reply");
        return replies;
    }

    /** A list of plain strings, or empty when {@code key} holds something else (then read as blocks). */
    private static Optional<List<String>> stringsIfStrings(PluginSettings settings, String key) {
        try {
            return Optional.of(settings.stringList(key));
        } catch (InvalidSettingsException notStrings) {
            return Optional.empty();
        }
    }

    private static ReplyAction replyBlock(PluginSettings block, TextMatcher matcher, Path mediaDir) {
        rejectUnknownKeys(block, REPLY_BLOCK_KEYS, REPLY_BLOCK_KEYS, "");
        List<String> present = REPLY_BLOCK_KEYS.stream().filter(block::has).toList();
        if (present.size() != 1) {
            String problem = "a reply is exactly one of { text = \"…\" }, { image = \"…\" } or { file = \"…\" }";
            throw present.isEmpty() ? block.invalid("text", "is required: " + problem)
                    : block.invalid(present.get(1), "conflicts with " + present.get(0) + ": " + problem);
        }
        return switch (present.getFirst()) {
            case "text" -> textReply(block, "text", matcher);
            case "image" -> new ReplyAction.Image(mediaFile(block, "image", mediaDir, true));
            default -> new ReplyAction.File(mediaFile(block, "file", mediaDir, false));
        };
    }

    private static ReplyAction textReply(PluginSettings settings, String key, TextMatcher matcher) {
        return new ReplyAction.Text(template(settings, key, nonEmpty(settings, key), matcher));
    }

    private static Template template(PluginSettings settings, String key, String source, TextMatcher matcher) {
        if (source.isBlank()) throw settings.invalid(key, "must not be empty");
        try {
            return Template.parse(source, matcher.groupCount(), matcher.groupNames());
        } catch (IllegalArgumentException e) {
            throw settings.invalid(key, e.getMessage());
        }
    }

    private static Path mediaDir(PluginSettings settings) {
        String dir = settings.has("media-dir") ? settings.string("media-dir") : "media";
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw settings.invalid("media-dir", "is not a valid path: " + e.getMessage());
        }
    }

    private static Path mediaFile(PluginSettings block, String key, Path mediaDir, boolean picture) {
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

    private static Duration duration(PluginSettings settings, String key) {
        Duration duration = settings.duration(key);
        if (duration.isNegative()) throw settings.invalid(key, "must not be negative");
        return duration;
    }

    private static String nonEmpty(PluginSettings settings, String key) {
        String value = settings.string(key);
        if (value.isBlank()) throw settings.invalid(key, "must not be empty");
        return value;
    }

    private static List<String> nonEmptyList(PluginSettings settings, String key) {
        List<String> values = nonEmptyEntries(settings, key);
        if (values.isEmpty()) throw settings.invalid(key, "must hold at least one entry");
        return values;
    }

    private static List<String> nonEmptyEntries(PluginSettings settings, String key) {
        List<String> values = settings.stringList(key);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) throw settings.invalid(key + "." + i, "must not be empty");
        }
        return values;
    }

    private static void rejectUnknownKeys(PluginSettings block, Set<String> allowed, Set<String> listed, String hint) {
        for (String key : block.keys()) {
            if (!allowed.contains(key)) {
                throw block.invalid(key, "unknown key; known keys are " + String.join(", ", listed) + hint);
            }
        }
    }

    private static Set<String> orderedSet(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return all;
    }

    /** A rule's own keys over the shared defaults. */
    private record Layered(PluginSettings rule, Optional<PluginSettings> defaults) {

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
