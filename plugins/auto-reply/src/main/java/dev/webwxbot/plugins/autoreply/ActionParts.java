package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.nonEmpty;
import static dev.webwxbot.plugins.autoreply.RuleParts.orderedSet;
import static dev.webwxbot.plugins.autoreply.RuleParts.suggestion;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.Action.InviteToGroup.How;
import dev.webwxbot.plugins.autoreply.Action.Mention;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what a rule does: {@code reply}, {@code replies} or {@code actions}, exactly one of them, every entry checked
 * against the rule's trigger (an accept only answers a friend request; a reply needs a chat; an invite needs a
 * person), each problem added to the list so none hides another. Stateless.
 */
final class ActionParts {

    static final Set<String> KEYS = orderedSet("reply", "replies", "actions");
    /** The keys that say what an action block does; it has exactly one. */
    private static final List<String> HEADS =
            List.of("text", "image", "file", "accept", "invite-to", "remove-from", "forward-to", "http", "llm");
    private static final Set<String> SEND_KEYS = orderedSet("text", "image", "file", "send-to", "mention");
    private static final Set<String> ALL_ACTION_KEYS =
            RuleParts.union(orderedSet(HEADS.toArray(String[]::new)), orderedSet("send-to", "mention", "remark", "how"));

    private ActionParts() {
    }

    /**
     * What the actions of every rule share: where media files are, and the remote actions' limits and endpoints
     * (the plugin's {@code http-limits} and {@code llm} blocks).
     */
    record Shared(Path mediaDir, HttpAction.Limits httpLimits, LlmEndpoints llmEndpoints, Environment environment) {
    }

    /**
     * The rule's actions when every one is valid.
     *
     * @param trigger the rule's trigger; empty when it is invalid itself (then what depends on it is not checked)
     */
    static Optional<List<Action>> read(PluginSettings rule, Optional<Trigger> trigger, Shared shared,
                                       List<InvalidSettingsException> problems) {
        List<String> present = KEYS.stream().filter(rule::has).toList();
        if (present.size() > 1) {
            problems.add(rule.invalid(present.get(1), "conflicts with " + present.get(0)
                    + "; a rule has one of reply (one text), replies (several) or actions (anything, in order)"));
            return Optional.empty();
        }
        if (present.isEmpty()) {
            problems.add(rule.invalid("reply", "is required: every rule needs reply = \"…\", replies = [ … ] or"
                    + " actions = [ … ]"));
            return Optional.empty();
        }
        Templates templates = new Templates(trigger);
        int before = problems.size();
        List<Action> actions = new ArrayList<>();
        String key = present.getFirst();
        if (key.equals("reply")) {
            attempt(() -> actions.add(reply(rule, "reply", templates.parse(rule, "reply", nonEmpty(rule, "reply")))),
                    problems);
        } else {
            Optional<List<String>> texts = key.equals("replies") ? stringsIfStrings(rule, key) : Optional.empty();
            if (texts.isPresent()) {
                for (int i = 0; i < texts.get().size(); i++) {
                    String at = "replies." + i;
                    String text = texts.get().get(i);
                    attempt(() -> actions.add(reply(rule, at, templates.parse(rule, at, text))), problems);
                }
            } else {
                List<PluginSettings> blocks;
                try {
                    blocks = rule.sectionList(key);
                } catch (InvalidSettingsException e) {
                    problems.add(e);
                    return Optional.empty();
                }
                for (int i = 0; i < blocks.size(); i++) {
                    PluginSettings block = blocks.get(i);
                    Action.Site site = new Action.Site(block.origin().or(rule::origin), key + "[" + (i + 1) + "]");
                    boolean repliesOnly = key.equals("replies");
                    attempt(() -> actions.add(block(block, site, repliesOnly, templates, shared, problems)), problems);
                }
            }
        }
        if (problems.size() > before) return Optional.empty();
        if (actions.isEmpty()) {
            problems.add(rule.invalid(key, "must hold at least one " + (key.equals("actions") ? "action" : "reply")));
            return Optional.empty();
        }
        trigger.ifPresent(t -> ActionOrder.check(rule, key, t, actions, problems));
        return problems.size() > before ? Optional.empty() : Optional.of(actions);
    }

    /** A text of the {@code reply} / {@code replies} shorthand: sent to the event's chat. */
    private static Action.Send reply(PluginSettings rule, String key, Template text) {
        String shown = key.startsWith("replies.") ? "replies[" + (Integer.parseInt(key.substring(8)) + 1) + "]" : key;
        return new Action.Send(new Action.Site(rule.origin(), shown), Optional.empty(), new ReplyAction.Text(text),
                List.of());
    }

    private static Action block(PluginSettings block, Action.Site site, boolean repliesOnly, Templates templates,
                                Shared shared, List<InvalidSettingsException> problems) {
        Set<String> known = repliesOnly ? orderedSet("text", "image", "file") : ALL_ACTION_KEYS;
        List<InvalidSettingsException> unknown = block.unknownKeys(known);
        if (!unknown.isEmpty()) { // all of them reported: the last by the throw, which also ends this block
            problems.addAll(unknown.subList(0, unknown.size() - 1));
            throw unknown.getLast();
        }
        List<String> heads = HEADS.stream().filter(block::has).toList();
        if (heads.size() != 1) {
            String problem = repliesOnly
                    ? "a reply is exactly one of { text = \"…\" }, { image = \"…\" } or { file = \"…\" }"
                    : "an action is exactly one of " + String.join(", ", HEADS);
            throw heads.isEmpty() ? new InvalidSettingsException(block.keyOf("text"), "is required: " + problem,
                    block.origin()) : block.invalid(heads.get(1), "conflicts with " + heads.get(0) + ": " + problem);
        }
        String head = heads.getFirst();
        allowOnly(block, head, switch (head) {
            case "text", "image", "file" -> SEND_KEYS;
            case "accept" -> orderedSet("accept", "remark");
            case "invite-to" -> orderedSet("invite-to", "how");
            default -> orderedSet(head);
        }, problems);
        return switch (head) {
            case "text", "image", "file" -> new Action.Send(site, optionalName(block, "send-to"),
                    content(block, head, templates, shared.mediaDir()), mentions(block));
            case "http", "llm" -> remote(block, head, site, templates.placeholders(), shared, problems);
            case "accept" -> accept(block, site, templates);
            case "invite-to" -> new Action.InviteToGroup(site, nonEmpty(block, "invite-to").strip(), how(block));
            case "remove-from" -> new Action.RemoveFromGroup(site, nonEmpty(block, "remove-from").strip());
            default -> new Action.Forward(site, chatNames(block, "forward-to"));
        };
    }

    /** The keys that go with {@code head}; another action's modifier here is a mistake, not a silent no-op. */
    private static void allowOnly(PluginSettings block, String head, Set<String> allowed,
                                  List<InvalidSettingsException> problems) {
        for (String key : ALL_ACTION_KEYS) {
            if (block.has(key) && !allowed.contains(key)) {
                problems.add(block.invalid(key, "does not go with " + head + "; " + head + " takes "
                        + String.join(", ", allowed.stream().filter(k -> !HEADS.contains(k)).toList()).transform(
                                s -> s.isEmpty() ? "nothing more" : s)));
            }
        }
    }

    /** An {@code http} or {@code llm} block, read by its own class; every problem of it is reported. */
    private static Action remote(PluginSettings block, String head, Action.Site site, Placeholders placeholders,
                                 Shared shared, List<InvalidSettingsException> problems) {
        List<InvalidSettingsException> own = new ArrayList<>();
        PluginSettings section = block.section(head);
        Optional<? extends Action> action = head.equals("http")
                ? HttpAction.read(section, shared.httpLimits(), placeholders, shared.environment(), own)
                        .map(call -> new Action.Http(site, call))
                : LlmAction.read(section, shared.llmEndpoints(), placeholders, own).map(ask -> new Action.Llm(site, ask));
        if (action.isPresent()) return action.get();
        if (own.isEmpty()) throw block.invalid(head, "is not a valid " + head + " action");
        problems.addAll(own.subList(0, own.size() - 1));
        throw own.getLast();
    }

    private static ReplyAction content(PluginSettings block, String head, Templates templates, Path mediaDir) {
        return switch (head) {
            case "text" -> new ReplyAction.Text(templates.parse(block, "text", nonEmpty(block, "text")));
            case "image" -> new ReplyAction.Image(RuleParts.mediaFile(block, "image", mediaDir, true));
            default -> new ReplyAction.File(RuleParts.mediaFile(block, "file", mediaDir, false));
        };
    }

    private static Action.Accept accept(PluginSettings block, Action.Site site, Templates templates) {
        if (!block.bool("accept")) {
            throw block.invalid("accept", "accept = false does nothing; leave the action out");
        }
        Optional<Template> remark = block.has("remark")
                ? Optional.of(templates.parse(block, "remark", nonEmpty(block, "remark"))) : Optional.empty();
        return new Action.Accept(site, remark);
    }

    private static How how(PluginSettings block) {
        if (!block.has("how")) return How.AUTO;
        String given = block.string("how").strip().toLowerCase(Locale.ROOT);
        List<String> names = Stream.of(How.values()).map(How::configName).toList();
        return Stream.of(How.values()).filter(h -> h.configName().equals(given)).findFirst()
                .orElseThrow(() -> block.invalid("how", "must be auto (as WeChat's web page: invite from 40 members"
                        + " on, else add), add (in at once) or invite (they accept an invitation)"
                        + suggestion(given, names).orElse("")));
    }

    private static List<Mention> mentions(PluginSettings block) {
        if (!block.has("mention")) return List.of();
        List<String> names = RuleParts.nonEmptyEntries(block, "mention");
        if (names.isEmpty()) throw block.invalid("mention", "must name someone: sender, member, inviter or a name");
        List<Mention> mentions = new ArrayList<>();
        for (String name : names) {
            String word = name.strip().toLowerCase(Locale.ROOT);
            Mention.Who who = Stream.of(Mention.Who.values()).filter(w -> w != Mention.Who.NAMED)
                    .filter(w -> w.configName().equals(word)).findFirst().orElse(Mention.Who.NAMED);
            mentions.add(new Mention(who, name.strip()));
        }
        return mentions;
    }

    private static Optional<String> optionalName(PluginSettings block, String key) {
        return block.has(key) ? Optional.of(nonEmpty(block, key).strip()) : Optional.empty();
    }

    private static List<String> chatNames(PluginSettings block, String key) {
        List<String> names = RuleParts.nonEmptyEntries(block, key);
        if (names.isEmpty()) throw block.invalid(key, "must name at least one chat");
        return names.stream().map(String::strip).toList();
    }

    private static void attempt(Runnable part, List<InvalidSettingsException> problems) {
        try {
            part.run();
        } catch (InvalidSettingsException e) {
            problems.add(e);
        }
    }

    /** A list of plain strings, or empty when {@code key} holds something else (then read as blocks). */
    private static Optional<List<String>> stringsIfStrings(PluginSettings settings, String key) {
        try {
            return Optional.of(settings.stringList(key));
        } catch (InvalidSettingsException notStrings) {
            return Optional.empty();
        }
    }

    /** Parses templates with the placeholders and captures the rule's trigger gives. */
    private record Templates(Optional<Trigger> trigger) {
        /** For the remote actions' own templates; a text trigger's when the trigger is invalid itself. */
        Placeholders placeholders() {
            return trigger.map(Placeholders::of).orElse(new Placeholders(Integer.MAX_VALUE, Set.of(),
                    Trigger.MESSAGE_FIELDS));
        }

        Template parse(PluginSettings settings, String key, String source) {
            if (source.isBlank()) throw settings.invalid(key, "must not be empty");
            Optional<TextMatcher> matcher = trigger.flatMap(Trigger::matcher);
            // Without a valid trigger its groups and fields are unknown: any number is allowed, and an unknown name
            // is not reported (it may be a group of the broken regex), so only the template's own mistakes show.
            int groups = trigger.isEmpty() ? Integer.MAX_VALUE : matcher.map(TextMatcher::groupCount).orElse(-1);
            Set<String> fields = trigger.map(Trigger::fields).orElse(Set.of());
            try {
                return Template.parse(source, groups, matcher.map(TextMatcher::groupNames).orElse(Set.of()), fields);
            } catch (IllegalArgumentException e) {
                boolean mayBeAGroup = trigger.isEmpty() && e.getMessage().startsWith("unknown placeholder");
                if (mayBeAGroup) return Template.parse("", 0, Set.of(), Set.of()); // a stand-in: the rule is refused
                throw settings.invalid(key, e.getMessage());
            }
        }
    }
}
