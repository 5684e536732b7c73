package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot stopped answering in one chat: while paused, no main or fallback handler sees the chat's messages
 * (monitors still do) and nothing the bot sends there goes out, except what the owner or operator asks for.
 *
 * @param chat the chat
 * @param cause why
 * @param until when the pause ends by itself; empty when only the owner or the operator can end it
 * @param explanation what happened, in plain words
 * @param time when the pause began (or was extended: each new message from the owner extends a takeover)
 */
public record ChatPaused(Contact chat, Cause cause, Optional<Instant> until, String explanation, Instant time)
        implements SafetyEvent {
    public ChatPaused {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(time, "time");
    }

    /** Why a chat is paused. */
    public enum Cause {
        /** The account's owner wrote in the chat from another device (the phone, the desktop): a human took over. */
        OWNER_WROTE,
        /** The owner sent the pause command from the phone. */
        OWNER_COMMAND,
        /** The operator paused it (command line or HTTP API). */
        OPERATOR,
        /** The bot and the other side answered each other faster than people do: a reply loop with another bot. */
        REPLY_LOOP,
        /** The bot sent more to this chat than the configured ceiling allows. */
        SEND_CEILING
    }
}
