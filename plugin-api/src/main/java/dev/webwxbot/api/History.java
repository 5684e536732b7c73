package dev.webwxbot.api;

import java.util.List;

/**
 * What this account received and sent, as the daemon's message store kept it. Reads only; newest first. Empty
 * when the store is off or the bot runs without one. Thread-safe; may block on the database.
 *
 * <pre>{@code
 * for (HistoryEntry entry : context.bot().history().latest(message.chat(), 20)) { … }
 * }</pre>
 */
public interface History {

    /** The last {@code limit} messages of {@code chat} (matched by id, else by its name), newest first. */
    List<HistoryEntry> latest(Contact chat, int limit);

    /** Messages of this account whose text contains {@code text} (case-insensitive), newest first. */
    List<HistoryEntry> search(String text, int limit);

    /** A history that has nothing. */
    static History empty() {
        return Empty.INSTANCE;
    }

    /** The history of a bot without a store. */
    enum Empty implements History {
        INSTANCE;

        @Override
        public List<HistoryEntry> latest(Contact chat, int limit) {
            return List.of();
        }

        @Override
        public List<HistoryEntry> search(String text, int limit) {
            return List.of();
        }
    }
}
