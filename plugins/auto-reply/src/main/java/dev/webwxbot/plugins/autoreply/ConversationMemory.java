package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.part;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last turns of each conversation with the LLM, by conversation key (account + chat, and the person in a group).
 * A conversation ends when it was idle for longer than {@code idle} (measured with the times the caller passes, so
 * by the handler's clock) or when {@link #end ended}; at most {@code maxConversations} are kept, the least recently
 * used forgotten first, so memory cannot grow without end. Thread-safe.
 */
final class ConversationMemory {

    /** One exchange: what the person wrote and what the model answered. */
    record Turn(String user, String assistant) {
    }

    /**
     * The {@code memory} block of an {@code llm} action.
     *
     * @param turns the turns kept per conversation; 0 keeps none (every message stands alone)
     * @param endPhrases messages that end a conversation, stripped and in lower case
     * @param endReply the answer to one of them; empty to say nothing
     */
    record Settings(int turns, Duration idle, Set<String> endPhrases, Optional<String> endReply, int maxConversations) {

        static final Set<String> KEYS = RuleParts.orderedSet("turns", "idle", "end-phrases", "end-reply",
                "max-conversations");
        static final Settings DEFAULTS = new Settings(10, Duration.ofMinutes(30), Set.of(),
                Optional.of("OK, conversation ended."), 1000);

        Settings {
            endPhrases = Set.copyOf(endPhrases);
        }

        /** A message as end phrases are compared: spaces around and case ignored. */
        static String normalised(String phrase) {
            return phrase.strip().toLowerCase(Locale.ROOT);
        }

        /** Reads the block; every problem goes to {@code problems}, the settings come back when there was none. */
        static Optional<Settings> read(PluginSettings block, List<InvalidSettingsException> problems) {
            int before = problems.size();
            problems.addAll(block.unknownKeys(KEYS));
            Optional<Integer> turns = part(() -> block.has("turns") ? count(block, "turns", 0, 100) : DEFAULTS.turns(),
                    problems);
            Optional<Duration> idle = part(() -> {
                if (!block.has("idle")) return DEFAULTS.idle();
                Duration value = block.duration("idle");
                if (value.isNegative() || value.isZero()) throw block.invalid("idle", "must be longer than 0s");
                return value;
            }, problems);
            Optional<Set<String>> phrases = part(() -> {
                if (!block.has("end-phrases")) return Set.<String>of();
                Set<String> normalised = new LinkedHashSet<>();
                List<String> given = block.stringList("end-phrases");
                for (int i = 0; i < given.size(); i++) {
                    if (given.get(i).isBlank()) throw block.invalid("end-phrases." + i, "must not be empty");
                    normalised.add(normalised(given.get(i)));
                }
                return Set.copyOf(normalised);
            }, problems);
            Optional<Optional<String>> endReply = part(() -> block.has("end-reply")
                    ? Optional.of(block.string("end-reply")).filter(s -> !s.isBlank()) : DEFAULTS.endReply(),
                    problems);
            Optional<Integer> max = part(() -> block.has("max-conversations")
                    ? count(block, "max-conversations", 1, 1_000_000) : DEFAULTS.maxConversations(), problems);
            if (problems.size() > before) return Optional.empty();
            return Optional.of(new Settings(turns.orElseThrow(), idle.orElseThrow(), phrases.orElseThrow(),
                    endReply.orElseThrow(), max.orElseThrow()));
        }

        private static int count(PluginSettings block, String key, int min, int max) {
            int value = block.integer(key);
            if (value < min || value > max) throw block.invalid(key, "must be between " + min + " and " + max);
            return value;
        }
    }

    private final int turns;
    private final Duration idle;
    private final int maxConversations;
    private final Map<String, Conversation> conversations;

    /**
     * @param turns the turns kept per conversation; 0 keeps none (every message stands alone)
     */
    ConversationMemory(int turns, Duration idle, int maxConversations) {
        this.turns = turns;
        this.idle = idle;
        this.maxConversations = maxConversations;
        this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                return size() > ConversationMemory.this.maxConversations;
            }
        };
    }

    /** The turns of the conversation {@code key}, oldest first; empty when there is none or it went idle. */
    synchronized List<Turn> recall(String key, Instant now) {
        Conversation conversation = conversations.get(key);
        if (conversation == null) return List.of();
        if (expired(conversation, now)) {
            conversations.remove(key);
            return List.of();
        }
        return List.copyOf(conversation.turns);
    }

    /** Adds a turn to the conversation {@code key} (starting it), dropping its oldest beyond the limit. */
    synchronized void remember(String key, Turn turn, Instant now) {
        if (turns == 0) return;
        Conversation conversation = conversations.get(key);
        if (conversation == null || expired(conversation, now)) {
            conversation = new Conversation();
            conversations.put(key, conversation);
        }
        conversation.turns.addLast(turn);
        while (conversation.turns.size() > turns) conversation.turns.removeFirst();
        conversation.lastActive = now;
    }

    /** Whether {@code key} has a conversation that has not gone idle. */
    synchronized boolean isOpen(String key, Instant now) {
        Conversation conversation = conversations.get(key);
        return conversation != null && !expired(conversation, now);
    }

    /** Forgets the conversation {@code key}; whether there was one. */
    synchronized boolean end(String key) {
        return conversations.remove(key) != null;
    }

    private boolean expired(Conversation conversation, Instant now) {
        return Duration.between(conversation.lastActive, now).compareTo(idle) > 0;
    }

    private static final class Conversation {
        final Deque<Turn> turns = new ArrayDeque<>();
        Instant lastActive = Instant.MIN;
    }
}
