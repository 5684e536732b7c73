package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.orderedSet;
import static dev.webwxbot.plugins.autoreply.RuleParts.union;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.ChatScope.ChatKind;
import dev.webwxbot.plugins.autoreply.RuleParts.Layered;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads the plugin's block into a {@link Reading}: the rules that are valid, every problem of the others, and every
 * problem of the block around them (its own keys, {@code defaults}), all at once rather than the first alone. Rules
 * are numbered from 1 in file order, as the operator counts them: a problem reads
 * {@code config/auto-reply.conf:14: rule 3 (menu): replies[1].image: no such file: …}. Stateless.
 *
 * <p>A rule's optional keys may be given once under {@code defaults}; a rule's own value wins. The built-in
 * defaults below are the same as the plugin's {@code reference.conf}, so the rules read the same whether or not
 * the host merged that file in.
 */
final class RuleSetReader {

    private static final Set<String> TOP_KEYS =
            orderedSet("media-dir", "chat-cooldown", "on-invalid-rule", "http-limits", "llm", "defaults", "rules");
    /** Keys the host reads in every plugin's block (enabling it, placing it in the chain; core's PluginPolicy). */
    private static final Set<String> HOST_KEYS = Set.of("enabled", "priority", "chats", "time-budget", "accounts");
    /** An entry of one of a rule's lists in a key ({@code replies.0}), to be shown counted from 1. */
    private static final java.util.regex.Pattern LIST_INDEX = java.util.regex.Pattern.compile(
            "(?<=^|\\.)(replies|actions|keywords|kinds|chats|exclude-chats|senders|exclude-senders|mention|forward-to)"
                    + "\\.(\\d{1,9})(?=\\.|$)");

    /** What the operator wants done with a rule that is not valid: {@code on-invalid-rule}. */
    enum OnInvalidRule {
        /** Leave the rule out and load the others (the default). */
        SKIP,
        /** Load no rule of this configuration. */
        REJECT_ALL;

        String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One rule that is not valid, and why.
     *
     * @param number its place in the file, counted from 1
     * @param origin where it starts, {@code file:line}, when known
     * @param problems one line each, {@code file:line: rule N (name): key: what is wrong}
     */
    record BadRule(int number, Optional<String> origin, List<String> problems) {
        BadRule {
            problems = List.copyOf(problems);
        }
    }

    /**
     * What the block gave.
     *
     * @param rules the valid rules, in file order
     * @param blockErrors problems outside any single rule (the block's keys, {@code defaults}); any of them makes
     *     the whole configuration unusable
     * @param badRules the rules that are not valid
     * @param onInvalidRule what the operator wants done about {@code badRules}
     */
    record Reading(RuleSet rules, List<InvalidSettingsException> blockErrors, List<BadRule> badRules,
                   OnInvalidRule onInvalidRule) {
        Reading {
            blockErrors = List.copyOf(blockErrors);
            badRules = List.copyOf(badRules);
        }

        /** The problems outside the rules, one line each ({@code file:line: key: what is wrong}). */
        List<String> blockProblems() {
            return blockErrors.stream().map(InvalidSettingsException::getMessage).toList();
        }

        /** Why this configuration cannot be used at all (one line per problem); empty when it can. */
        List<String> fatalProblems() {
            List<String> fatal = new ArrayList<>(blockProblems());
            if (onInvalidRule == OnInvalidRule.REJECT_ALL) badRules.forEach(bad -> fatal.addAll(bad.problems()));
            return fatal;
        }
    }

    private RuleSetReader() {
    }

    static Reading read(PluginSettings settings) {
        return read(settings, Environment.SYSTEM);
    }

    /** @param environment where {@code {env:NAME}} and {@code api-key-env} are looked up */
    static Reading read(PluginSettings settings, Environment environment) {
        List<InvalidSettingsException> block = new ArrayList<>(settings.unknownKeys(union(TOP_KEYS, HOST_KEYS)));
        Path mediaDir = RuleParts.part(() -> RuleParts.mediaDir(settings), block).orElse(Path.of("media").toAbsolutePath());
        HttpAction.Limits httpLimits = settings.has("http-limits")
                ? RuleParts.part(() -> HttpAction.Limits.read(settings.section("http-limits")), block)
                        .orElse(HttpAction.Limits.DEFAULTS) : HttpAction.Limits.DEFAULTS;
        LlmEndpoints llm = settings.has("llm")
                ? RuleParts.part(() -> LlmEndpoints.read(settings.section("llm"), environment, block), block)
                        .orElse(LlmEndpoints.NONE) : LlmEndpoints.NONE;
        ActionParts.Shared common = new ActionParts.Shared(mediaDir, httpLimits, llm, environment);
        Duration chatCooldown = settings.has("chat-cooldown")
                ? RuleParts.part(() -> RuleParts.duration(settings, "chat-cooldown"), block).orElse(Duration.ZERO) : Duration.ZERO;
        OnInvalidRule onInvalid = RuleParts.part(() -> onInvalidRule(settings), block).orElse(OnInvalidRule.SKIP);
        Optional<PluginSettings> defaults = defaults(settings, block);
        List<Rule> rules = new ArrayList<>();
        List<BadRule> bad = new ArrayList<>();
        if (settings.has("rules")) {
            Optional<List<PluginSettings>> blocks = RuleParts.part(() -> settings.sectionList("rules"), block);
            List<PluginSettings> list = blocks.orElse(List.of());
            for (int i = 0; i < list.size(); i++) {
                PluginSettings rule = list.get(i);
                List<InvalidSettingsException> problems = new ArrayList<>();
                String key = settings.keyOf("rules") + "." + i;
                Optional<Rule> read = rule(rule, defaults, key, i + 1, common, problems);
                if (problems.isEmpty()) {
                    rules.add(read.orElseThrow());
                } else {
                    String label = label(rule, i + 1);
                    bad.add(new BadRule(i + 1, rule.origin(),
                            problems.stream().map(p -> line(p, key, label, rule.origin())).toList()));
                }
            }
        }
        return new Reading(new RuleSet(rules, chatCooldown), block, bad, onInvalid);
    }

    private static OnInvalidRule onInvalidRule(PluginSettings settings) {
        if (!settings.has("on-invalid-rule")) return OnInvalidRule.SKIP;
        String value = settings.string("on-invalid-rule").strip().toLowerCase(Locale.ROOT);
        for (OnInvalidRule mode : OnInvalidRule.values()) {
            if (mode.configName().equals(value)) return mode;
        }
        throw settings.invalid("on-invalid-rule", "must be skip (leave a bad rule out, load the others) or reject-all"
                + " (load no rule while any is bad)"
                + RuleParts.suggestion(value, List.of("skip", "reject-all")).orElse(""));
    }

    /**
     * The {@code defaults} block when it is valid; its problems go to {@code block}. Each key it may hold is checked
     * on its own, as a rule that sets nothing itself would read it, so a bad default is reported once, here,
     * rather than once for every rule.
     */
    private static Optional<PluginSettings> defaults(PluginSettings settings, List<InvalidSettingsException> block) {
        if (!settings.has("defaults")) return Optional.empty();
        Optional<PluginSettings> read = RuleParts.part(() -> settings.section("defaults"), block);
        if (read.isEmpty()) return Optional.empty();
        PluginSettings defaults = read.get();
        int before = block.size();
        for (InvalidSettingsException unknown : defaults.unknownKeys(RuleParts.SHARED_KEYS)) {
            boolean ruleOnly = RuleParts.RULE_KEYS.contains(unknown.key().substring(unknown.key().lastIndexOf('.') + 1));
            block.add(ruleOnly ? new InvalidSettingsException(unknown.key(), "cannot have a default; only the keys"
                    + " shared by rules can: " + String.join(", ", RuleParts.SHARED_KEYS), unknown.origin()) : unknown);
        }
        shared(new Layered(defaults, Optional.empty()), block);
        return block.size() == before ? Optional.of(defaults) : Optional.empty();
    }

    /** The parts of a rule {@code defaults} may also set, read from {@code values}; null where one is invalid. */
    private record Shared(Set<ChatKind> kinds, List<String> chats, List<String> excludeChats, List<String> senders,
                          List<String> excludeSenders, Boolean requireMention, Boolean ignoreCase, ZoneId zone,
                          List<ActiveWindow.HourRange> hours, Set<DayOfWeek> days, Duration cooldown, Boolean stop,
                          Boolean pickOne) {
    }

    private static Shared shared(Layered values, List<InvalidSettingsException> problems) {
        return new Shared(
                RuleParts.part(() -> RuleParts.kinds(values), problems).orElse(null),
                RuleParts.part(() -> RuleParts.names(values, "chats"), problems).orElse(null),
                RuleParts.part(() -> RuleParts.names(values, "exclude-chats"), problems).orElse(null),
                RuleParts.part(() -> RuleParts.names(values, "senders"), problems).orElse(null),
                RuleParts.part(() -> RuleParts.names(values, "exclude-senders"), problems).orElse(null),
                RuleParts.part(() -> values.bool("require-mention", true), problems).orElse(null),
                RuleParts.part(() -> values.bool("ignore-case", true), problems).orElse(null),
                RuleParts.part(() -> RuleParts.zone(values), problems).orElse(null),
                RuleParts.part(() -> RuleParts.hours(values), problems).orElse(null),
                RuleParts.part(() -> RuleParts.days(values), problems).orElse(null),
                RuleParts.part(() -> RuleParts.cooldown(values), problems).orElse(null),
                RuleParts.part(() -> values.bool("stop", true), problems).orElse(null),
                RuleParts.part(() -> RuleParts.pickOne(values), problems).orElse(null));
    }

    /** One rule, every part of it read so that all its problems are found; the rule when there were none. */
    private static Optional<Rule> rule(PluginSettings rule, Optional<PluginSettings> defaults, String key, int number,
                                       ActionParts.Shared common, List<InvalidSettingsException> problems) {
        problems.addAll(rule.unknownKeys(RuleParts.RULE_KEYS));
        Layered values = new Layered(rule, defaults);
        String name = RuleParts.part(() -> rule.has("name") ? RuleParts.nonEmpty(rule, "name") : "rule " + number, problems)
                .orElse("rule " + number);
        Shared shared = shared(values, problems);
        boolean ignoreCase = shared.ignoreCase() == null || shared.ignoreCase();
        Optional<Trigger> trigger = TriggerParts.read(rule, key, ignoreCase, problems);
        Optional<List<Action>> actions = ActionParts.read(rule, trigger, common, problems);
        if (rule.has("pick") && rule.has("actions")) {
            problems.add(rule.invalid("pick", "goes with replies only; actions all run, in order"));
        }
        if (!problems.isEmpty()) return Optional.empty();
        boolean timed = values.has("active-hours") || values.has("active-days");
        Optional<ActiveWindow> window = timed
                ? Optional.of(new ActiveWindow(shared.hours(), shared.days(), shared.zone())) : Optional.empty();
        return Optional.of(new Rule(key, name, label(rule, number), trigger.orElseThrow(),
                new ChatScope(shared.kinds(), shared.chats(), shared.excludeChats(), shared.senders(),
                        shared.excludeSenders()),
                shared.requireMention(), window, shared.zone(), shared.cooldown(), shared.stop(), actions.orElseThrow(),
                shared.pickOne() && !rule.has("actions"), rule.origin()));
    }

    /** {@code rule 3} or {@code rule 3 (menu)}: the number the operator counts, and the name when the rule has one. */
    private static String label(PluginSettings rule, int number) {
        try {
            String name = rule.has("name") ? rule.string("name").strip() : "";
            return "rule " + number + (name.isEmpty() ? "" : " (" + name + ")");
        } catch (InvalidSettingsException notAString) {
            return "rule " + number;
        }
    }

    /**
     * {@code file:line: rule 3 (menu): replies[1].image: what is wrong}: the key relative to the rule, with list
     * entries counted from 1 like the rules themselves.
     */
    static String line(InvalidSettingsException problem, String ruleKey, String label, Optional<String> ruleOrigin) {
        String key = problem.key();
        String relative = key.equals(ruleKey) ? "" : key.startsWith(ruleKey + ".") ? key.substring(ruleKey.length() + 1) : key;
        Matcher index = LIST_INDEX.matcher(relative);
        StringBuilder shown = new StringBuilder();
        while (index.find()) {
            index.appendReplacement(shown, index.group(1) + "[" + (Integer.parseInt(index.group(2)) + 1) + "]");
        }
        index.appendTail(shown);
        String where = problem.origin().or(() -> ruleOrigin).map(w -> w + ": ").orElse("");
        return where + label + ": " + (shown.isEmpty() ? "" : shown + ": ") + problem.problem();
    }
}
