package dev.webwxbot.plugins.autoreply;

import java.time.Duration;
import java.util.List;

/**
 * Every rule of one configuration, in file order, and the cooldown shared by all rules of a chat. Immutable, so a
 * reload swaps the whole set at once.
 */
record RuleSet(List<Rule> rules, Duration chatCooldown) {

    static final RuleSet EMPTY = new RuleSet(List.of(), Duration.ZERO);

    RuleSet {
        rules = List.copyOf(rules);
    }
}
