package dev.webwxbot.core;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.ChatPaused;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat the bot does not answer in now. Immutable.
 *
 * @param chat the chat
 * @param cause why it is paused
 * @param since when the pause began or was last extended
 * @param until when it ends by itself; empty when only the owner or the operator ends it
 * @param explanation why, in plain words (the line the log and the {@link ChatPaused} event carry)
 */
public record PausedChat(Contact chat, ChatPaused.Cause cause, Instant since, Optional<Instant> until,
                         String explanation) {
    public PausedChat {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(explanation, "explanation");
    }
}
