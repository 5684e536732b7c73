package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.MessageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations of one chain that wait for someone's next message, by account, chat and person; oldest first
 * for each person. A wait is claimed once: by the message it accepts ({@link #take}), by its deadline
 * ({@link #expireDue}, handed to the chain to give the handler a turn), or by a cancellation (its plugin left the
 * chain, or the chain closes). Each plugin may have at most {@code limit} waiting at once, so a plugin that never
 * lets go cannot pile up blocked threads. Thread-safe.
 */
final class Conversations {

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);
    /** How many conversations one plugin may have waiting at once, unless the chain says otherwise. */
    static final int DEFAULT_LIMIT = 1000;
    /** The longest a conversation may wait: longer belongs in a scheduled job. */
    static final Duration LONGEST = Duration.ofDays(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Conversation.Key, List<Conversation.Waiting>> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> perPlugin = new LinkedHashMap<>();
    /** The handlers now in the chain and enabled: only their conversations may wait. */
    private Set<MessageHandler> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private final Clock clock;
    private final int limit;
    private final Consumer<Conversation.Waiting> onDue;

    /**
     * @param onDue given each wait whose deadline passed, already claimed: the chain gives its handler a turn
     */
    Conversations(Clock clock, int limit, Consumer<Conversation.Waiting> onDue) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (limit < 1) throw new IllegalArgumentException("a plugin must be allowed at least one conversation");
        this.limit = limit;
        this.onDue = Objects.requireNonNull(onDue, "onDue");
    }

    Clock clock() {
        return clock;
    }

    /**
     * Starts a wait.
     *
     * @throws IllegalStateException when the plugin already has {@code limit} conversations waiting
     * @throws CancellationException when the handler is no longer in the chain, or the chain is closing
     */
    Conversation.Waiting register(Conversation conversation, Conversation.Key key,
                                  Predicate<? super MessageEvent> accept, Duration timeout) {
        Conversation.Waiting wait = conversation.new Waiting(accept, clock.instant().plus(timeout));
        lock.lock();
        try {
            if (closed) throw new CancellationException("the chain is closing");
            if (!active.contains(conversation.handler())) {
                throw new CancellationException("plugin '" + conversation.pluginId() + "' is no longer in the chain");
            }
            int already = perPlugin.getOrDefault(conversation.pluginId(), 0);
            if (already >= limit) {
                throw new IllegalStateException("plugin '" + conversation.pluginId() + "' already has " + already
                        + " conversations waiting, the most one plugin may have");
            }
            waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(wait);
            perPlugin.merge(conversation.pluginId(), 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        return wait;
    }

    /**
     * The oldest wait of the message's sender in its chat that accepts it, claimed; empty when none does. A
     * predicate that throws counts as refusing (logged): the message then goes through the chain.
     */
    Optional<Conversation.Waiting> take(String account, MessageEvent message) {
        Conversation.Key key = new Conversation.Key(account, message.chat().userName(), message.sender().userName());
        List<Conversation.Waiting> candidates;
        lock.lock();
        try {
            candidates = List.copyOf(waiting.getOrDefault(key, List.of()));
        } finally {
            lock.unlock();
        }
        for (Conversation.Waiting wait : candidates) {
            if (accepts(wait, message) && claimAndRemove(wait)) return Optional.of(wait);
        }
        return Optional.empty();
    }

    private static boolean accepts(Conversation.Waiting wait, MessageEvent message) {
        try {
            return wait.accept.test(message);
        } catch (RuntimeException e) {
            log.warn("plugin '{}': its conversation's predicate failed on {} ({}); the message goes through the chain",
                    wait.conversation().pluginId(), message.getClass().getSimpleName(), e.toString());
            return false;
        }
    }

    /** Claims every wait whose deadline passed by the clock and hands it to the chain. Quick; never blocks. */
    void expireDue() {
        Instant now = clock.instant();
        List<Conversation.Waiting> due = new ArrayList<>();
        lock.lock();
        try {
            for (List<Conversation.Waiting> waits : waiting.values()) {
                for (Conversation.Waiting wait : waits) {
                    if (!wait.deadline.isAfter(now)) due.add(wait);
                }
            }
        } finally {
            lock.unlock();
        }
        due.forEach(this::due);
    }

    /** Hands {@code wait} to the chain as out of time, unless someone claimed it already. */
    void due(Conversation.Waiting wait) {
        if (claimAndRemove(wait)) onDue.accept(wait);
    }

    /** Removes a wait that never began (its turn was over); no one is told. */
    void withdraw(Conversation.Waiting wait) {
        claimAndRemove(wait);
    }

    /** Wakes {@code wait} with a cancellation, unless someone claimed it already. */
    void cancel(Conversation.Waiting wait, String reason) {
        if (claimAndRemove(wait)) wait.slot.complete(new Conversation.Cancelled(reason));
    }

    /**
     * The chain's handlers changed: conversations of handlers no longer in it, or disabled, are cancelled.
     *
     * @param enabled the handlers in the chain and enabled, by identity (a reloaded plugin's are new instances)
     * @param why why a plugin's conversations end, by plugin id
     */
    void retain(Set<MessageHandler> enabled, Function<String, String> why) {
        List<Conversation.Waiting> gone = new ArrayList<>();
        lock.lock();
        try {
            Set<MessageHandler> now = Collections.newSetFromMap(new IdentityHashMap<>());
            now.addAll(enabled);
            active = now;
            for (List<Conversation.Waiting> waits : waiting.values()) {
                for (Conversation.Waiting wait : waits) {
                    if (!now.contains(wait.conversation().handler())) gone.add(wait);
                }
            }
        } finally {
            lock.unlock();
        }
        gone.forEach(wait -> cancel(wait, why.apply(wait.conversation().pluginId())));
    }

    /** Cancels every conversation of the plugin (its circuit breaker opened). */
    void cancelPlugin(String pluginId, String reason) {
        for (Conversation.Waiting wait : snapshot()) {
            if (wait.conversation().pluginId().equals(pluginId)) cancel(wait, reason);
        }
    }

    /**
     * Cancels every conversation waiting in {@code account}'s chats, of every plugin: the account logged out, and
     * the people it waits for get new session names at the next login. Returns how many there were.
     */
    int cancelAccount(String account, String reason) {
        int cancelled = 0;
        for (Conversation.Waiting wait : snapshot()) {
            if (wait.conversation().account.equals(account) && claimAndRemove(wait)) {
                wait.slot.complete(new Conversation.Cancelled(reason));
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Cancels every conversation waiting now, leaving the chain open for new ones: a test kit's fresh start between
     * two tests. Returns how many there were.
     */
    int cancelAll(String reason) {
        int cancelled = 0;
        for (Conversation.Waiting wait : snapshot()) {
            if (claimAndRemove(wait)) {
                wait.slot.complete(new Conversation.Cancelled(reason));
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Cancels every conversation and refuses new ones: the chain is closing. */
    void close(String reason) {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        snapshot().forEach(wait -> cancel(wait, reason));
    }

    /** How many conversations of the plugin wait now. */
    int waiting(String pluginId) {
        lock.lock();
        try {
            return perPlugin.getOrDefault(pluginId, 0);
        } finally {
            lock.unlock();
        }
    }

    /** How many conversations wait now, of every plugin. */
    int waiting() {
        lock.lock();
        try {
            return perPlugin.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            lock.unlock();
        }
    }

    private List<Conversation.Waiting> snapshot() {
        lock.lock();
        try {
            List<Conversation.Waiting> all = new ArrayList<>();
            waiting.values().forEach(all::addAll);
            return all;
        } finally {
            lock.unlock();
        }
    }

    private boolean claimAndRemove(Conversation.Waiting wait) {
        if (!wait.claim()) return false;
        Conversation conversation = wait.conversation();
        lock.lock();
        try {
            Conversation.Key key = conversation.key().orElseThrow();
            List<Conversation.Waiting> waits = waiting.get(key);
            if (waits != null && waits.remove(wait) && waits.isEmpty()) waiting.remove(key);
            perPlugin.computeIfPresent(conversation.pluginId(), (id, count) -> count > 1 ? count - 1 : null);
        } finally {
            lock.unlock();
        }
        return true;
    }
}
