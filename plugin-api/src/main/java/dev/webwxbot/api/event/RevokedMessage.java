package dev.webwxbot.api.event;

import dev.webwxbot.api.HistoryEntry;
import java.util.Objects;

/**
 * A message someone withdrew, recovered from the daemon's message store: raised after the {@link RevokeNotice}
 * (which every plugin sees as before) when anti-revoke is on for the chat and the store kept the original.
 *
 * @param envelope the notice's envelope: who withdrew it, where, when
 * @param notice the notice itself
 * @param original the withdrawn message as it was kept (its text, or its saved media file)
 */
public record RevokedMessage(Envelope envelope, RevokeNotice notice, HistoryEntry original) implements MessageEvent {
    public RevokedMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(original, "original");
    }
}
