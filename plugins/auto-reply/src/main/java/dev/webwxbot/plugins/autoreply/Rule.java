package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.event.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One checked rule of the operator's file. Immutable and thread-safe.
 *
 * @param key the rule's key in the file ({@code plugins.auto-reply.rules.2}), for logs
 * @param name the operator's name for it, or {@code rule 3}
 * @param label how problems name it: {@code rule 3 (welcome)}
 * @param trigger what sets it off
 * @param window when it is in force; empty for always
 * @param zone the time zone of {@code window}, of {@code {time}} and of a schedule's cron expression
 * @param cooldown how long the rule stays silent in a chat after answering there; zero for never
 * @param stop whether later handlers of the chain are kept from a message this rule answered
 * @param actions what it does, in order
 * @param pickOne do one action chosen at random instead of all of them in order ({@code pick = random})
 * @param origin where the rule starts in the operator's files, {@code config/auto-reply.conf:12}, when known
 */
record Rule(String key, String name, String label, Trigger trigger, ChatScope scope, boolean requireMention,
            Optional<ActiveWindow> window, ZoneId zone, Duration cooldown, boolean stop, List<Action> actions,
            boolean pickOne, Optional<String> origin) {

    Rule {
        actions = List.copyOf(actions);
    }

    /** {@code rule 3 (menu) at config/auto-reply.conf:12}: how a dispatch trace names it. */
    String where() {
        return label + origin.map(at -> " at " + at).orElse("");
    }

    /**
     * Whether a message's chat, mention and time are for this rule; its kind and text are the trigger's business.
     *
     * @param text whether it is a text, the only kind that can @-mention the bot
     */
    boolean admits(Envelope envelope, boolean text, Instant now) {
        if (!scope.admits(envelope)) return false;
        if (text && requireMention && envelope.inGroup() && !envelope.mentionsMe()) return false;
        return inForce(now);
    }

    boolean inForce(Instant now) {
        return window.map(w -> w.contains(now)).orElse(true);
    }
}
