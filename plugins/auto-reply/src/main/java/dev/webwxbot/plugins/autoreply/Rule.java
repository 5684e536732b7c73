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
 * @param name the operator's name for it, or {@code rules.2}
 * @param window when it is in force; empty for always
 * @param zone the time zone of {@code window} and of {@code {time}}
 * @param cooldown how long the rule stays silent in a chat after answering there; zero for never
 * @param stop whether later handlers of the chain are kept from a message this rule answered
 * @param pickOne send one reply chosen at random instead of all of them in order
 */
record Rule(String key, String name, TextMatcher matcher, ChatScope scope, boolean requireMention,
            Optional<ActiveWindow> window, ZoneId zone, Duration cooldown, boolean stop, List<ReplyAction> replies,
            boolean pickOne) {

    Rule {
        replies = List.copyOf(replies);
    }

    /** Whether the message's chat, mention and time are for this rule; the text is checked by {@link #matcher}. */
    boolean admits(Envelope envelope, Instant now) {
        if (!scope.admits(envelope)) return false;
        if (requireMention && envelope.inGroup() && !envelope.mentionsMe()) return false;
        return window.map(w -> w.contains(now)).orElse(true);
    }
}
