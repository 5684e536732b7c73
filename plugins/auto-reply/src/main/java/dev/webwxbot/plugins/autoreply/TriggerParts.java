package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.orderedSet;
import static dev.webwxbot.plugins.autoreply.RuleParts.suggestion;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.Trigger.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what sets a rule off: {@code on} (a text when it is absent and the rule has a keyword, keywords, exact or
 * regex, as every rule did before triggers came), with the keys that go with it ({@code kinds} for messages,
 * {@code cron} for schedules, a text matcher for texts, messages and friend requests). A key of the rule that
 * means nothing for its trigger is refused, not ignored; the same key inherited from {@code defaults} is ignored
 * there. Stateless.
 */
final class TriggerParts {

    static final Set<String> KEYS = orderedSet("on", "kinds", "cron", "account");
    private static final Set<Kind> WITH_MATCHER = EnumSet.of(Kind.TEXT, Kind.MESSAGE, Kind.FRIEND_REQUEST);

    private TriggerParts() {
    }

    /**
     * The rule's trigger; its problems, and those of its own keys that do not apply to it, go to {@code problems}.
     *
     * @return empty when the trigger itself is invalid
     */
    static Optional<Trigger> read(PluginSettings rule, String ruleKey, boolean ignoreCase,
                                  List<InvalidSettingsException> problems) {
        Optional<Kind> kind = RuleParts.part(() -> kind(rule, ruleKey), problems);
        if (kind.isEmpty()) return Optional.empty();
        int before = problems.size();
        for (String key : RuleParts.SHARED_KEYS) {
            if (rule.has(key) && !kind.get().uses(key)) {
                problems.add(rule.invalid(key, "does not apply to on = " + kind.get().configName() + notApplying(key)));
            }
        }
        if (!WITH_MATCHER.contains(kind.get())) {
            RuleParts.MATCHER_KEYS.stream().filter(rule::has).forEach(key -> problems.add(rule.invalid(key,
                    "does not apply to on = " + kind.get().configName() + "; only texts, messages and friend"
                            + " requests are matched by their text")));
        }
        if (rule.has("kinds") && kind.get() != Kind.MESSAGE) {
            problems.add(rule.invalid("kinds", "goes with on = message only"));
        }
        if (rule.has("cron") && kind.get() != Kind.SCHEDULE) {
            problems.add(rule.invalid("cron", "goes with on = schedule only"));
        }
        if (rule.has("account") && kind.get() != Kind.SCHEDULE) {
            problems.add(rule.invalid("account", "goes with on = schedule only; a rule set off by a message acts on"
                    + " the account it came in on (plugins.auto-reply.accounts limits the plugin to some accounts)"));
        }
        Optional<Trigger> trigger = RuleParts.part(() -> trigger(kind.get(), rule, ruleKey, ignoreCase), problems);
        return problems.size() > before ? Optional.empty() : trigger;
    }

    private static String notApplying(String key) {
        return switch (key) {
            case "require-mention" -> "; only texts in groups can @-mention the bot";
            case "scope" -> "; friend requests, group changes, schedules and logins have their own place";
            case "cooldown", "stop" -> "; a schedule or a login answers no message";
            case "ignore-case" -> "; the rule matches no text";
            default -> "";
        };
    }

    private static Kind kind(PluginSettings rule, String ruleKey) {
        if (!rule.has("on")) {
            if (RuleParts.MATCHER_KEYS.stream().anyMatch(rule::has)) return Kind.TEXT;
            throw new InvalidSettingsException(ruleKey, "a rule needs one of keyword, keywords, exact or regex, or"
                    + " on = " + String.join(" | ", Kind.configNames()), rule.origin());
        }
        String given = rule.string("on").strip().toLowerCase(Locale.ROOT);
        return Stream.of(Kind.values()).filter(k -> k.configName().equals(given)).findFirst()
                .orElseThrow(() -> rule.invalid("on", "unknown trigger '" + given + "'"
                        + suggestion(given, Kind.configNames()).orElse("; use one of "
                        + String.join(", ", Kind.configNames()))));
    }

    private static Trigger trigger(Kind kind, PluginSettings rule, String ruleKey, boolean ignoreCase) {
        Set<String> reserved = reserved(kind);
        Optional<TextMatcher> matcher = RuleParts.MATCHER_KEYS.stream().anyMatch(rule::has)
                ? Optional.of(RuleParts.matcher(rule, ruleKey, ignoreCase, reserved)) : Optional.empty();
        return switch (kind) {
            case TEXT -> new Trigger.Text(matcher.orElseThrow());
            case MESSAGE -> new Trigger.Message(kinds(rule), matcher);
            case FRIEND_REQUEST -> new Trigger.FriendRequest(matcher);
            case MEMBER_JOINED -> new Trigger.MemberJoined();
            case MEMBER_LEFT -> new Trigger.MemberLeft();
            case REVOKE -> new Trigger.Revoke();
            case SCHEDULE -> new Trigger.Scheduled(cron(rule), account(rule));
            case LOGIN -> new Trigger.Login();
        };
    }

    /** The placeholder names of {@code kind}'s templates, which a regex group may therefore not take. */
    private static Set<String> reserved(Kind kind) {
        return RuleParts.union(kind.fields(), Trigger.ALWAYS);
    }

    private static Set<MessageKind> kinds(PluginSettings rule) {
        if (!rule.has("kinds")) return EnumSet.allOf(MessageKind.class);
        List<String> names = rule.stringList("kinds");
        if (names.isEmpty()) throw rule.invalid("kinds", "must name at least one of " + String.join(", ",
                MessageKind.configNames()));
        Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        for (String name : names) {
            String given = name.strip().toLowerCase(Locale.ROOT);
            kinds.add(Stream.of(MessageKind.values()).filter(k -> k.configName().equals(given)).findFirst()
                    .orElseThrow(() -> rule.invalid("kinds", "unknown kind '" + name + "'"
                            + suggestion(given, MessageKind.configNames()).orElse("; use "
                            + String.join(", ", MessageKind.configNames())))));
        }
        return kinds;
    }

    /** The account a schedule rule acts through, as webwx-bot.accounts names it; empty for the only one online. */
    private static Optional<String> account(PluginSettings rule) {
        return rule.has("account") ? Optional.of(RuleParts.nonEmpty(rule, "account").strip()) : Optional.empty();
    }

    private static String cron(PluginSettings rule) {
        if (!rule.has("cron")) {
            throw rule.invalid("cron", "is required with on = schedule: when to run, e.g. cron = \"0 9 * * MON-FRI\""
                    + " (minute hour day-of-month month day-of-week, in the rule's time-zone)");
        }
        String cron = RuleParts.nonEmpty(rule, "cron").strip();
        try {
            CronCheck.check(cron);
        } catch (IllegalArgumentException e) {
            throw rule.invalid("cron", e.getMessage());
        }
        return cron;
    }
}
