package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * The bot answers in a chat again after a {@link ChatPaused}.
 *
 * @param chat the chat
 * @param cause why
 * @param explanation what happened, in plain words
 * @param time when it resumed
 */
public record ChatResumed(Contact chat, Cause cause, String explanation, Instant time) implements SafetyEvent {
    public ChatResumed {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }

    /** Why a chat resumed. */
    public enum Cause {
        /** The pause's time ran out (a takeover with no new message from the owner, a loop's or ceiling's cooldown). */
        EXPIRED,
        /** The owner sent the resume command from the phone. */
        OWNER_COMMAND,
        /** The operator resumed it (command line or HTTP API). */
        OPERATOR
    }
}
