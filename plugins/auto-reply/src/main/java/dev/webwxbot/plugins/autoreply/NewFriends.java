package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HandlerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friend requests accepted whose new friend is not in the address book yet. The server answers the accept at once,
 * but the new friend arrives later, through a sync ({@code ModContactList}, PROTOCOL.md 8.1), and the bot raises a
 * {@code ContactAdded} for it; only then can a remark name be set or a reply be sent. So what a rule does after
 * accepting waits here, without holding a thread, until that event (or the address book, when it was quicker than
 * the accept's answer) shows the friend; whichever comes first takes it, so it runs once. A wait longer than
 * {@link #PATIENCE} by the handler's clock is given up with a WARN, at the next accept or arrival. Thread-safe.
 */
final class NewFriends {

    /** How long a new friend may take to appear after the accept; the sources measured syncs of up to ~3 minutes. */
    static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(NewFriends.class);

    /** What to do with the new friend, with the context of the event that brought them (when one did). */
    @FunctionalInterface
    interface Then {
        void run(Contact friend, Optional<HandlerContext> context);
    }

    private record Waiting(Instant until, String what, Then then) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /**
     * Waits for the contact {@code userName} to become a friend; call before accepting, so a quick arrival is not
     * missed.
     *
     * @param what the rule and person, for the WARN when it never comes
     */
    void expect(String userName, Instant now, String what, Then then) {
        giveUpOn(now);
        waiting.put(userName, new Waiting(now.plus(PATIENCE), what, then));
    }

    /** Forgets the wait for {@code userName}: the accept failed. */
    void cancel(String userName) {
        waiting.remove(userName);
    }

    /** {@code friend} is in the address book now: runs what waited for them, if anything did and nobody else has. */
    void arrived(Contact friend, Instant now, Optional<HandlerContext> context) {
        giveUpOn(now);
        Waiting claimed = waiting.remove(friend.userName());
        if (claimed != null) claimed.then().run(friend, context);
    }

    private void giveUpOn(Instant now) {
        waiting.entrySet().removeIf(entry -> {
            boolean late = now.isAfter(entry.getValue().until());
            if (late) {
                log.warn("auto-reply: {}: the accepted friend did not appear within {} min; the actions after"
                        + " accept are not run", entry.getValue().what(), PATIENCE.toMinutes());
            }
            return late;
        });
    }
}
