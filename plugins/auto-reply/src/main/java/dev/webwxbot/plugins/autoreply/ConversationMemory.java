package dev.webwxbot.plugins.autoreply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Whether {@code key} has a conversation that has not gone idle. */
    synchronized boolean isOpen(String key, Instant now) {
        Conversation conversation = conversations.get(key);
        return conversation != null && !expired(conversation, now);
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

    /** Forgets the conversation {@code key}; whether there was one. */
    synchronized boolean end(String key) {
        return conversations.remove(key) != null;
    }

    /** How many conversations are kept now. */
    synchronized int size() {
        return conversations.size();
    }

    private boolean expired(Conversation conversation, Instant now) {
        return Duration.between(conversation.lastActive, now).compareTo(idle) > 0;
    }

    private static final class Conversation {
        final Deque<Turn> turns = new ArrayDeque<>();
        Instant lastActive = Instant.MIN;
    }
}
