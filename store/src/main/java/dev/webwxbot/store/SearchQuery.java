package dev.webwxbot.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MessageStore#search} looks for; every part present must match. {@code text} is split at white space
 * and every word must occur in the message's text as a substring, case-insensitively. {@code chat} matches a
 * chat's id or name, {@code sender} a sender's id, name, in-group name or identity ({@code wxid:wxid_abc}: the same
 * person across logins); {@code from} is inclusive, {@code to}
 * exclusive. Immutable; build with {@link #text} or {@link #any} and the withers.
 */
public record SearchQuery(Optional<String> account, Optional<String> text, Optional<String> chat,
        Optional<String> sender, Optional<String> kind, Optional<Instant> from, Optional<Instant> to, int limit) {

    /** How many messages a query returns unless told otherwise. */
    public static final int DEFAULT_LIMIT = 50;

    public SearchQuery {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        text = text.map(String::strip).filter(t -> !t.isEmpty());
    }

    /** Messages whose text holds every word of {@code words}; blank words match every message. */
    public static SearchQuery text(String words) {
        return any().withText(words);
    }

    /** Every message (narrow it with the withers). */
    public static SearchQuery any() {
        return new SearchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public SearchQuery withText(String words) {
        return new SearchQuery(account, Optional.of(words), chat, sender, kind, from, to, limit);
    }

    public SearchQuery account(String value) {
        return new SearchQuery(Optional.of(value), text, chat, sender, kind, from, to, limit);
    }

    public SearchQuery chat(String idOrName) {
        return new SearchQuery(account, text, Optional.of(idOrName), sender, kind, from, to, limit);
    }

    public SearchQuery sender(String idOrName) {
        return new SearchQuery(account, text, chat, Optional.of(idOrName), kind, from, to, limit);
    }

    public SearchQuery kind(String value) {
        return new SearchQuery(account, text, chat, sender, Optional.of(value), from, to, limit);
    }

    /** Messages at or after {@code start} and before {@code end}; either may be null for "unbounded". */
    public SearchQuery between(Instant start, Instant end) {
        return new SearchQuery(account, text, chat, sender, kind, Optional.ofNullable(start), Optional.ofNullable(end),
                limit);
    }

    public SearchQuery limit(int n) {
        return new SearchQuery(account, text, chat, sender, kind, from, to, n);
    }
}
