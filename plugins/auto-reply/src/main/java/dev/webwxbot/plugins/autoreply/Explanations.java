package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the plugin tells a dispatch trace ({@code HandlerContext.explain}): which rule answered, or that none did and,
 * for a text, the nearest miss: the first rule whose words match but whose chat scope, mention or hours do not
 * (the one check an operator most often gets wrong). Stateless.
 */
final class Explanations {

    private Explanations() {
    }

    static String matched(Rule rule) {
        return rule.where() + " matched"; // whether it stopped the chain is the step's outcome
    }

    static String followUp(Rule rule) {
        return rule.where() + " answered: a follow-up in the conversation its model holds";
    }

    static String cooling(Rule rule, boolean chatCooling) {
        return rule.where() + " matched, but " + (chatCooling ? "the chat" : "the rule") + " is cooling down: nothing sent";
    }

    /** No rule took the event: why, with the nearest miss of a text. */
    static String noneMatched(List<Rule> rules, BotEvent event, Instant now, String myNickName) {
        if (rules.isEmpty()) return "no rules are loaded";
        if (event instanceof TextMessage text) {
            Envelope envelope = text.envelope();
            if (envelope.fromSelf()) return "the account's own message: no rule answers it";
            String said = envelope.mentionsMe() ? MentionText.withoutMentionOfMe(text.text(), myNickName) : text.text();
            for (Rule rule : rules) {
                if (!wouldMatch(rule, text, said)) continue;
                Optional<String> why = refusal(rule, envelope, now);
                if (why.isPresent()) {
                    return "no rule matched; nearest: " + rule.where() + " matches the text but " + why.get();
                }
            }
        }
        return "no rule matched (" + rules.size() + (rules.size() == 1 ? " rule)" : " rules)");
    }

    /** Whether the rule's trigger takes this text, its scope, mention and hours aside. */
    private static boolean wouldMatch(Rule rule, TextMessage text, String said) {
        return switch (rule.trigger()) {
            case Trigger.Text words -> words.textMatcher().match(said).isPresent();
            case Trigger.Message kinds when MessageKind.of(text).filter(kinds.kinds()::contains).isPresent() ->
                    kinds.textMatcher().map(matcher -> matcher.match(said).isPresent()).orElse(true);
            default -> false;
        };
    }

    /** Why a rule whose text matched did not admit the message, as {@link Rule#admits} decides; empty if it did. */
    private static Optional<String> refusal(Rule rule, Envelope envelope, Instant now) {
        if (!rule.scope().admits(envelope)) return Optional.of("its chats or senders leave this one out");
        if (rule.requireMention() && envelope.inGroup() && !envelope.mentionsMe()) {
            return Optional.of("it needs an @-mention of the bot in a group");
        }
        if (!rule.inForce(now)) return Optional.of("it is outside its active hours");
        return Optional.empty();
    }
}
